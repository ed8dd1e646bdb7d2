import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import { TimestampedTupleForwarder } from '../../engine/tuple-forwarder.js';
import type { Processor, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { FixedWindowsSpec, Windowed } from '../window.js';
import type { WindowStore } from '../window-store.js';
import type { Change } from '../../dsl/change.js';
import { FinalResultEmitter, type EmitRange } from './emit-final.js';

/** What a windowed aggregation keeps per window: the aggregate and the largest record timestamp in it. */
export interface AggregateAndTimestamp<A> {
  readonly value: A;
  readonly timestamp: number;
}

export interface WindowAggregateOptions<K, V, A> {
  readonly storeName: string;
  readonly windows: FixedWindowsSpec;
  readonly initializer: () => A;
  readonly aggregator: (key: K, value: V, aggregate: A) => A;
  /** Forward the previous aggregate as Change#oldValue (Kafka enables this when a downstream needs it). */
  readonly sendOldValues?: () => boolean;
  /** EmitStrategy.onWindowClose(): forward each window once, when it closes, instead of on every update. */
  readonly emitOnWindowClose?: boolean;
}

/**
 * Kafka's KStreamWindowAggregate: adds the record to every window that contains it and has not closed
 * (window end > stream time − grace), and forwards each updated window with the largest record time seen in it.
 */
export function windowAggregateSupplier<K, V, A>(
  options: WindowAggregateOptions<K, V, A>,
): ProcessorSupplier<K, V, Windowed<K>, Change<A>> {
  return () => new WindowAggregateProcessor(options);
}

class WindowAggregateProcessor<K, V, A> implements Processor<K, V, Windowed<K>, Change<A>> {
  private context!: InternalProcessorContext<Windowed<K>, Change<A>>;
  private store!: WindowStore<K, AggregateAndTimestamp<A>>;
  private out!: TimestampedTupleForwarder<Windowed<K>, A>;
  private observedStreamTime = Number.NEGATIVE_INFINITY;
  private readonly finalResults: FinalResultEmitter<K, A> | null;

  constructor(private readonly options: WindowAggregateOptions<K, V, A>) {
    this.finalResults = options.emitOnWindowClose
      ? new FinalResultEmitter<K, A>(timeWindowsEmitRange(options.windows))
      : null;
  }

  init(context: InternalProcessorContext<Windowed<K>, Change<A>>): void {
    this.context = internalContext(context);
    this.store = context.getStateStore(this.options.storeName);
    this.out = new TimestampedTupleForwarder(this.store, context, this.options.sendOldValues?.() ?? false);
    const w = this.options.windows;
    this.context.tracer?.note(this.context.nodeName, {
      kind: 'windows',
      type: 'time',
      store: this.options.storeName,
      sizeMs: w.sizeMs,
      advanceMs: w.advanceMs,
      graceMs: w.gracePeriodMs(),
    });
  }

  process(record: StreamRecord<K, V>): void {
    if (record.key === null || record.key === undefined) {
      this.context.metrics.droppedRecords++;
      return;
    }
    const { windows, initializer, aggregator } = this.options;
    const sendOld = this.options.sendOldValues?.() ?? false;
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp);
    const closeTime = this.observedStreamTime - windows.gracePeriodMs();
    for (const window of windows.windowsFor(record.timestamp)) {
      if (window.end <= closeTime) {
        this.context.metrics.lateDrops++;
        this.context.tracer?.note(this.context.nodeName, {
          kind: 'late',
          timestamp: record.timestamp,
          window,
          streamTime: this.observedStreamTime,
          graceMs: windows.gracePeriodMs(),
        });
        continue;
      }
      const old = this.store.fetch(record.key, window.start);
      // As Kafka: a fresh window starts from the initializer, which is also what "old value" reports.
      const oldAgg = old === null ? initializer() : old.value;
      const newAgg = aggregator(record.key, record.value, oldAgg);
      const timestamp = old === null ? record.timestamp : Math.max(record.timestamp, old.timestamp);
      // Kafka's ValueAndTimestamp.make(null, t) is null: a null aggregate deletes the window and forwards a
      // tombstone for it.
      this.store.put(record.key, newAgg === null ? null : { value: newAgg, timestamp }, window.start);
      if (this.finalResults !== null) continue;
      this.out.maybeForward({
        key: { key: record.key, window },
        value: { newValue: newAgg, oldValue: sendOld ? oldAgg : null },
        timestamp,
        headers: record.headers,
      });
    }
    this.finalResults?.maybeEmit(this.context, this.store, closeTime, record.headers);
  }
}

/**
 * Kafka's KStreamWindowAggregate emit range: window ends are exclusive, so a close time c releases the windows
 * starting at or before c − size; a close time that moved within one window-advance step releases nothing.
 */
function timeWindowsEmitRange(windows: FixedWindowsSpec): EmitRange {
  const starts = (timestamp: number): string =>
    windows
      .windowsFor(timestamp)
      .map((w) => w.start)
      .join(',');
  return {
    lower: (last) => (last === null ? 0 : Math.max(0, last - windows.size()) + 1),
    upper: (closeTime) => closeTime - windows.size(),
    shouldFetch: (lower, upper, last) => last === null || starts(upper) !== starts(lower - 1),
  };
}
