import type { InternalProcessorContext } from '../../engine/internal-context.js';
import type { Headers } from '../../processor/api.js';
import type { ValueAndTimestamp } from '../../state/timestamped-key-value-store.js';
import type { Change } from '../../dsl/change.js';
import type { Windowed } from '../window.js';
import type { WindowStore } from '../window-store.js';

/** Which window starts a close time releases; time and sliding windows differ (their ends are exclusive/inclusive). */
export interface EmitRange {
  /** Inclusive lower bound of window starts still to emit, given the close time emitted last (null: never). */
  lower(lastEmitWindowCloseTime: number | null): number;
  /** Inclusive upper bound of window starts closed at `windowCloseTime`. */
  upper(windowCloseTime: number): number;
  /** False when the range cannot hold a window not emitted yet (Kafka skips the store scan then). */
  shouldFetch(lower: number, upper: number, lastEmitWindowCloseTime: number | null): boolean;
}

/**
 * The ON_WINDOW_CLOSE half of Kafka's AbstractKStreamTimeWindowAggregateProcessor: after each record, when the
 * window close time (stream time − grace) has advanced, forwards every window that closed since the last emit,
 * in store order, with its final aggregate and the largest record timestamp in it.
 *
 * Kafka throttles the scan to once per `__emit.interval.ms.kstreams.windowed.aggregation__` of wall-clock time
 * (1 s by default) and keeps the last close time in the committed offsets' metadata; this runtime scans after
 * every record whose close time advanced (Kafka's behaviour with the interval set to 0, which its tests use) and
 * keeps the close time in memory only, so a restarted task may emit a still-retained closed window again.
 */
export class FinalResultEmitter<K, A> {
  private lastEmitWindowCloseTime: number | null = null;

  constructor(private readonly range: EmitRange) {}

  maybeEmit(
    context: InternalProcessorContext<Windowed<K>, Change<A>>,
    store: WindowStore<K, ValueAndTimestamp<A>>,
    windowCloseTime: number,
    headers: Headers,
  ): void {
    const last = this.lastEmitWindowCloseTime;
    if (last !== null && last >= windowCloseTime) return;
    const upper = this.range.upper(windowCloseTime);
    // A negative upper bound: no window has closed yet.
    if (upper < 0) return;
    const lower = this.range.lower(last);
    if (!this.range.shouldFetch(lower, upper, last)) return;
    for (const { key, value } of store.fetchAll(lower, upper)) {
      context.forward({
        key,
        value: { newValue: value.value, oldValue: null },
        timestamp: value.timestamp,
        headers,
      });
    }
    this.lastEmitWindowCloseTime = windowCloseTime;
  }
}
