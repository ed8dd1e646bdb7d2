import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { Headers, Processor, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import { isCachingStore } from '../../state/cache/caching-store.js';
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
  /** EmitStrategy.onWindowClose(): forward each session once, when it closes, instead of on every update. */
  readonly emitOnWindowClose?: boolean;
}

/**
 * Kafka's KStreamSessionWindowAggregate: a record merges every session of its key within the inactivity gap
 * into one; merged-away sessions are forwarded as tombstones and the merged session with its new aggregate.
 * A record whose merged session ended before stream time − grace − gap is late and dropped.
 *
 * With ON_WINDOW_CLOSE nothing is forwarded on update; after each record whose close time (stream time − grace −
 * gap) advanced, every session that ended before it and after the previous close time is forwarded once, in
 * (end, key, start) order, stamped with its end. Like the time-window emitter (emit-final.ts) this scans after
 * every such record (Kafka's emit interval 0) and keeps the last close time in memory only.
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
  private lastEmitWindowCloseTime: number | null = null;
  /** A cached store forwards each session's latest update itself when it flushes. */
  private cached = false;

  constructor(private readonly options: SessionWindowAggregateOptions<K, V, A>) {}

  init(context: InternalProcessorContext<Windowed<K>, Change<A>>): void {
    this.context = internalContext(context);
    this.store = context.getStateStore(this.options.storeName);
    const store = this.store;
    if (isCachingStore<Windowed<K>, A>(store)) {
      this.cached = true;
      // Kafka's SessionCacheFlushListener: a flushed session is stamped with its end.
      store.setFlushListener(
        (record) => this.context.forward({ ...record, timestamp: record.key.window.end }),
        this.options.sendOldValues?.() ?? false,
      );
    }
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
    const { windows, initializer, merger } = this.options;
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
    let closed: SessionKeyValue<K, A>[] | null;
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
      closed = this.closedSessions(closeTime);
    } else {
      closed = this.update(record, window, merged, agg, closeTime);
    }
    if (closed !== null) this.emitFinal(closed, closeTime, record.headers);
  }

  /** Merges and stores the record's session; returns what ON_WINDOW_CLOSE forwards (see closedSessions). */
  private update(
    record: StreamRecord<K, V>,
    window: Window,
    merged: SessionKeyValue<K, A>[],
    initial: A,
    closeTime: number,
  ): SessionKeyValue<K, A>[] | null {
    const key = record.key as K;
    const emitOnUpdate = this.options.emitOnWindowClose !== true;
    if (window.start !== record.timestamp || window.end !== record.timestamp) {
      for (const session of merged) {
        this.store.remove(session.key);
        if (emitOnUpdate) this.forward(session.key, null, session.value, record.headers);
      }
    }
    // Merged-away sessions are gone before the read, as in Kafka; removing them never advances the store's
    // stream time (they were in it), so reading here still finds every session the put below might expire.
    const closed = this.closedSessions(closeTime);
    const agg = this.options.aggregator(key, record.value, initial);
    const sessionKey: Windowed<K> = { key, window };
    this.store.put(sessionKey, agg);
    if (emitOnUpdate) this.forward(sessionKey, agg, null, record.headers);
    return closed;
  }

  /**
   * The sessions ON_WINDOW_CLOSE forwards for this record (null: none, and the last close time stays), read
   * before the record's session is put. Kafka reads them after the put, from a segmented store that keeps
   * closed sessions well past retention; reading first lets a store of retention gap + grace + 1 still hold
   * every session ending since the last close time (the store's stream time has not passed the previous
   * record's yet). The new session itself ends at or after the close time, so it is never among them.
   */
  private closedSessions(closeTime: number): SessionKeyValue<K, A>[] | null {
    if (this.options.emitOnWindowClose !== true) return null;
    const last = this.lastEmitWindowCloseTime;
    if (last !== null && last >= closeTime) return null;
    // Session ends are inclusive: a session ending at closeTime − 1 is the latest one closed.
    const upper = closeTime - 1;
    if (upper < 0) return null;
    const lower = Math.max(0, last ?? 0);
    if (upper < lower) return null;
    return this.store.findSessionsByEndTime(lower, upper);
  }

  private emitFinal(closed: SessionKeyValue<K, A>[], closeTime: number, headers: Headers): void {
    for (const session of closed) {
      this.context.forward({
        key: session.key,
        value: { newValue: session.value, oldValue: null },
        timestamp: session.key.window.end,
        headers,
      });
    }
    this.lastEmitWindowCloseTime = closeTime;
  }

  private forward(key: Windowed<K>, newValue: A | null, oldValue: A | null, headers: Headers): void {
    if (this.cached) return;
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
