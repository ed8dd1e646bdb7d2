import type { KGroupedStreamInternals } from '../dsl/kgrouped-stream.js';
import { SlidingWindowedKStream } from './dsl/sliding-windowed-kstream.js';
import { requireMillis } from './window.js';

/**
 * Windows that slide with the records: two records fall in one window when their timestamps differ by at most
 * `timeDifferenceMs`. Windows are [start, start + timeDifference], both ends inclusive, as in Kafka.
 */
export class SlidingWindows {
  readonly windowedKind = 'sliding' as const;

  private constructor(
    readonly timeDifferenceMs: number,
    private readonly graceMs: number,
  ) {}

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): SlidingWindows {
    return SlidingWindows.ofTimeDifferenceAndGrace(timeDifferenceMs, 0);
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): SlidingWindows {
    requireMillis(timeDifferenceMs, 'SlidingWindows time difference');
    requireMillis(graceMs, 'SlidingWindows grace');
    return new SlidingWindows(timeDifferenceMs, graceMs);
  }

  /** Used by KGroupedStream#windowedBy. */
  windowedBy<K, V>(grouped: KGroupedStreamInternals<K, V>): SlidingWindowedKStream<K, V> {
    return new SlidingWindowedKStream(grouped, this);
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }
}
