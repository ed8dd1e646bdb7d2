import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { Headers, Processor, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { SessionStore, SessionKeyValue } from '../session-store.js';
import type { SessionWindowsSpec, Window, Windowed } from '../window.js';
import type { Change } from '../../dsl/change.js';

export interface SessionWindowAggregateOptions<K, V, A> {
  readonly storeName: string;
  readonly windows: SessionWindowsSpec;
  readonly initializer: () => A;
  readonly aggregator: (key: K, value: V, aggregate: A) => A;
  /** Combines two sessions' aggregates when a record bridges them. */
  readonly merger: (key: K, left: A, right: A) => A;
  readonly sendOldValues?: () => boolean;
}

/**
 * Kafka's KStreamSessionWindowAggregate: a record merges every session of its key within the inactivity gap
 * into one; merged-away sessions are forwarded as tombstones and the merged session with its new aggregate.
 * A record whose merged session ended before stream time − grace − gap is late and dropped.
 */
export function sessionWindowAggregateSupplier<K, V, A>(
  options: SessionWindowAggregateOptions<K, V, A>,
): ProcessorSupplier<K, V, Windowed<K>, Change<A>> {
  return () => new SessionWindowAggregateProcessor(options);
}

class SessionWindowAggregateProcessor<K, V, A> implements Processor<K, V, Windowed<K>, Change<A>> {
  private context!: InternalProcessorContext<Windowed<K>, Change<A>>;
  private store!: SessionStore<K, A>;
  private observedStreamTime = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: SessionWindowAggregateOptions<K, V, A>) {}

  init(context: InternalProcessorContext<Windowed<K>, Change<A>>): void {
    this.context = internalContext(context);
    this.store = context.getStateStore(this.options.storeName);
    const w = this.options.windows;
    this.context.tracer?.note(this.context.nodeName, {
      kind: 'windows',
      type: 'session',
      store: this.options.storeName,
      sizeMs: w.inactivityGapMs,
      advanceMs: 0,
      graceMs: w.gracePeriodMs(),
    });
  }

  process(record: StreamRecord<K, V>): void {
    if (record.key === null || record.key === undefined) {
      this.context.metrics.droppedRecords++;
      return;
    }
    const { windows, initializer, aggregator, merger } = this.options;
    const ts = record.timestamp;
    const gap = windows.inactivityGapMs;
    this.observedStreamTime = Math.max(this.observedStreamTime, ts);
    const closeTime = this.observedStreamTime - windows.gracePeriodMs() - gap;

    const merged: SessionKeyValue<K, A>[] = this.store.findSessions(record.key, ts - gap, ts + gap);
    let window: Window = { start: ts, end: ts };
    let agg = initializer();
    for (const session of merged) {
      agg = merger(record.key, agg, session.value);
      window = {
        start: Math.min(window.start, session.key.window.start),
        end: Math.max(window.end, session.key.window.end),
      };
    }
    if (window.end < closeTime) {
      this.context.metrics.lateDrops++;
      // A session closes at end + gap + grace; the note's grace includes the gap so close = end + grace.
      this.context.tracer?.note(this.context.nodeName, {
        kind: 'late',
        timestamp: ts,
        window,
        streamTime: this.observedStreamTime,
        graceMs: windows.gracePeriodMs() + gap,
      });
      return;
    }
    if (window.start !== ts || window.end !== ts) {
      for (const session of merged) {
        this.store.remove(session.key);
        this.forward(session.key, null, session.value, record.headers);
      }
    }
    agg = aggregator(record.key, record.value, agg);
    const sessionKey: Windowed<K> = { key: record.key, window };
    this.store.put(sessionKey, agg);
    this.forward(sessionKey, agg, null, record.headers);
  }

  private forward(key: Windowed<K>, newValue: A | null, oldValue: A | null, headers: Headers): void {
    const sendOld = this.options.sendOldValues?.() ?? false;
    // Kafka stamps session results with the session end.
    this.context.forward({
      key,
      value: { newValue, oldValue: sendOld ? oldValue : null },
      timestamp: key.window.end,
      headers,
    });
  }
}
