import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import { TimestampedTupleForwarder } from '../../engine/tuple-forwarder.js';
import type { Processor, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { SlidingWindowsSpec, Window, Windowed } from '../window.js';
import type { TimestampedValue, WindowStore } from '../window-store.js';
import type { Change } from '../../dsl/change.js';
import type { AggregateAndTimestamp } from './window-aggregate.js';
import { FinalResultEmitter } from './emit-final.js';

export interface SlidingWindowAggregateOptions<K, V, A> {
  readonly storeName: string;
  readonly windows: SlidingWindowsSpec;
  readonly initializer: () => A;
  readonly aggregator: (key: K, value: V, aggregate: A) => A;
  readonly sendOldValues?: () => boolean;
  /** EmitStrategy.onWindowClose(): forward each window once, when it closes, instead of on every update. */
  readonly emitOnWindowClose?: boolean;
}

type Agg<A> = AggregateAndTimestamp<A>;

/**
 * Kafka's KStreamSlidingWindowAggregate (the reverse-iteration variant), step for step: each record creates its
 * left window [t − d, t] and, when later records exist within d, its right window [t + 1, t + 1 + d]; it updates
 * every existing window that contains it and creates the previous record's right window when that is missing.
 * Only windows holding at least one record ever exist, which is what makes sliding windows differ from hopping.
 */
export function slidingWindowAggregateSupplier<K, V, A>(
  options: SlidingWindowAggregateOptions<K, V, A>,
): ProcessorSupplier<K, V, Windowed<K>, Change<A>> {
  return () => new SlidingWindowAggregateProcessor(options);
}

class SlidingWindowAggregateProcessor<K, V, A> implements Processor<K, V, Windowed<K>, Change<A>> {
  private context!: InternalProcessorContext<Windowed<K>, Change<A>>;
  private store!: WindowStore<K, Agg<A>>;
  private out!: TimestampedTupleForwarder<Windowed<K>, A>;
  private observedStreamTime = Number.NEGATIVE_INFINITY;
  private readonly diff: number;
  private readonly finalResults: FinalResultEmitter<K, A> | null;

  constructor(private readonly options: SlidingWindowAggregateOptions<K, V, A>) {
    const diff = options.windows.timeDifferenceMs;
    this.diff = diff;
    // Kafka's KStreamSlidingWindowAggregate emit range: sliding windows include their end, so a close time c
    // releases the windows starting before c − d.
    this.finalResults = options.emitOnWindowClose
      ? new FinalResultEmitter<K, A>({
          lower: (last) => (last === null ? 0 : Math.max(0, last - diff)),
          upper: (closeTime) => closeTime - diff - 1,
          shouldFetch: () => true,
        })
      : null;
  }

  init(context: InternalProcessorContext<Windowed<K>, Change<A>>): void {
    this.context = internalContext(context);
    this.store = context.getStateStore(this.options.storeName);
    this.out = new TimestampedTupleForwarder(this.store, context, this.options.sendOldValues?.() ?? false);
    this.context.tracer?.note(this.context.nodeName, {
      kind: 'windows',
      type: 'sliding',
      store: this.options.storeName,
      sizeMs: this.diff,
      advanceMs: 1,
      graceMs: this.options.windows.gracePeriodMs(),
    });
  }

  process(record: StreamRecord<K, V>): void {
    if (
      record.key === null ||
      record.key === undefined ||
      record.value === null ||
      record.value === undefined
    ) {
      this.context.metrics.droppedRecords++;
      return;
    }
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp);
    const closeTime = this.observedStreamTime - this.options.windows.gracePeriodMs();
    if (record.timestamp + this.diff < closeTime) {
      this.context.metrics.lateDrops++;
      this.context.tracer?.note(this.context.nodeName, {
        kind: 'late',
        timestamp: record.timestamp,
        window: { start: record.timestamp, end: record.timestamp + this.diff },
        streamTime: this.observedStreamTime,
        graceMs: this.options.windows.gracePeriodMs(),
      });
      return;
    }
    // As in Kafka, a record early enough to fall into the first window does not trigger the final emit.
    if (record.timestamp < this.diff) return this.processEarly(record, closeTime);
    this.processReverse(record, closeTime);
    this.finalResults?.maybeEmit(this.context, this.store, closeTime, record.headers);
  }

  private processReverse(record: StreamRecord<K, V>, closeTime: number): void {
    const t = record.timestamp;
    const startTimes = new Set<number>();
    let leftWinAgg: Agg<A> | null = null;
    let rightWinAgg: Agg<A> | null = null;
    let leftWinAlreadyCreated = false;
    let rightWinAlreadyCreated = false;
    let previousRecordTimestamp: number | null = null;

    const existing = this.store.backwardFetchRange(record.key, Math.max(0, t - 2 * this.diff), t + 1);
    for (const w of existing) {
      const start = w.timestamp;
      startTimes.add(start);
      const end = start + this.diff;
      const maxRecordTimestamp = w.value.timestamp;
      if (start === t + 1) {
        rightWinAlreadyCreated = true;
      } else if (end > t) {
        if (rightWinAgg === null) rightWinAgg = w.value;
        this.updateWindowAndForward(this.windowOf(w), w.value, record, closeTime);
      } else if (end === t) {
        leftWinAlreadyCreated = true;
        this.updateWindowAndForward(this.windowOf(w), w.value, record, closeTime);
        if (maxRecordTimestamp < t) previousRecordTimestamp = maxRecordTimestamp;
        else return;
      } else {
        leftWinAgg = w.value;
        previousRecordTimestamp = maxRecordTimestamp;
        break;
      }
    }
    this.createWindows(
      record,
      closeTime,
      startTimes,
      rightWinAgg,
      leftWinAgg,
      leftWinAlreadyCreated,
      rightWinAlreadyCreated,
      previousRecordTimestamp,
    );
  }

  /** Records earlier than d would have left windows starting before 0; Kafka folds them into [0, d]. */
  private processEarly(record: StreamRecord<K, V>, closeTime: number): void {
    const t = record.timestamp;
    if (t < 0) throw new RangeError(`sliding windows need non-negative timestamps, got ${t}`);
    let combined: TimestampedValue<Agg<A>> | null = null;
    let rightWinAgg: Agg<A> | null = null;
    let rightWinAlreadyCreated = false;
    const startTimes = new Set<number>();
    let previousRecordTimestamp: number | null = null;

    for (const w of this.store.fetchRange(record.key, 0, t + 1)) {
      const start = w.timestamp;
      startTimes.add(start);
      if (start === 0) {
        combined = w;
        if (w.value.timestamp < t) previousRecordTimestamp = w.value.timestamp;
      } else if (start <= t) {
        rightWinAgg = w.value;
        this.updateWindowAndForward(this.windowOf(w), w.value, record, closeTime);
      } else {
        rightWinAlreadyCreated = true; // start === t + 1
      }
    }
    if (rightWinAgg === null && combined !== null && combined.value.timestamp > t)
      rightWinAgg = combined.value;
    if (!rightWinAlreadyCreated && this.rightWindowIsNotEmpty(rightWinAgg, t)) {
      this.createCurrentRecordRightWindow(t, rightWinAgg as Agg<A>, record);
    }
    if (previousRecordTimestamp !== null && !startTimes.has(previousRecordTimestamp + 1)) {
      this.createPreviousRecordRightWindow(previousRecordTimestamp + 1, record, closeTime);
    }
    if (combined === null) {
      const fresh = { value: this.options.initializer(), timestamp: t };
      this.updateWindowAndForward({ start: 0, end: this.diff }, fresh, record, closeTime);
    } else {
      this.updateWindowAndForward(this.windowOf(combined), combined.value, record, closeTime);
    }
  }

  private createWindows(
    record: StreamRecord<K, V>,
    closeTime: number,
    startTimes: Set<number>,
    rightWinAgg: Agg<A> | null,
    leftWinAgg: Agg<A> | null,
    leftWinAlreadyCreated: boolean,
    rightWinAlreadyCreated: boolean,
    previousRecordTimestamp: number | null,
  ): void {
    const t = record.timestamp;
    if (previousRecordTimestamp !== null) {
      const previousRightWinStart = previousRecordTimestamp + 1;
      if (!startTimes.has(previousRightWinStart) && previousRightWinStart + this.diff >= t) {
        this.createPreviousRecordRightWindow(previousRightWinStart, record, closeTime);
      }
    }
    if (!leftWinAlreadyCreated) {
      const leftNotEmpty = previousRecordTimestamp !== null && t - this.diff <= previousRecordTimestamp;
      const value: Agg<A> =
        leftNotEmpty && leftWinAgg !== null
          ? { value: leftWinAgg.value, timestamp: t }
          : { value: this.options.initializer(), timestamp: t };
      this.updateWindowAndForward({ start: t - this.diff, end: t }, value, record, closeTime);
    }
    if (!rightWinAlreadyCreated && this.rightWindowIsNotEmpty(rightWinAgg, t)) {
      this.createCurrentRecordRightWindow(t, rightWinAgg as Agg<A>, record);
    }
  }

  private createCurrentRecordRightWindow(t: number, rightWinAgg: Agg<A>, record: StreamRecord<K, V>): void {
    const window = { start: t + 1, end: t + 1 + this.diff };
    this.store.put(record.key, rightWinAgg.value === null ? null : rightWinAgg, window.start);
    this.forward(record, window, null, rightWinAgg.value, rightWinAgg.timestamp);
  }

  private createPreviousRecordRightWindow(
    start: number,
    record: StreamRecord<K, V>,
    closeTime: number,
  ): void {
    const value = { value: this.options.initializer(), timestamp: record.timestamp };
    this.updateWindowAndForward({ start, end: start + this.diff }, value, record, closeTime);
  }

  private rightWindowIsNotEmpty(rightWinAgg: Agg<A> | null, t: number): boolean {
    return rightWinAgg !== null && rightWinAgg.timestamp > t;
  }

  private updateWindowAndForward(
    window: Window,
    current: Agg<A>,
    record: StreamRecord<K, V>,
    closeTime: number,
  ): void {
    if (window.end < closeTime) {
      // Kafka logs this window as expired; the record still counts where its other windows are open.
      return;
    }
    const newAgg = this.options.aggregator(record.key, record.value, current.value);
    const timestamp = Math.max(record.timestamp, current.timestamp);
    // A null aggregate deletes the window (Kafka's ValueAndTimestamp.make(null, t) is null).
    this.store.put(record.key, newAgg === null ? null : { value: newAgg, timestamp }, window.start);
    this.forward(record, window, current.value, newAgg, timestamp);
  }

  private forward(
    record: StreamRecord<K, V>,
    window: Window,
    oldAgg: A | null,
    newAgg: A,
    timestamp: number,
  ): void {
    if (this.finalResults !== null) return;
    const sendOld = this.options.sendOldValues?.() ?? false;
    this.out.maybeForward({
      key: { key: record.key, window },
      value: { newValue: newAgg, oldValue: sendOld ? oldAgg : null },
      timestamp,
      headers: record.headers,
    });
  }

  private windowOf(w: TimestampedValue<unknown>): Window {
    return { start: w.timestamp, end: w.timestamp + this.diff };
  }
}
