import { requireMillis } from './window.js';

/**
 * The time bound of a stream–stream join: a left record at time t joins right records in
 * [t - beforeMs, t + afterMs]. Grace keeps windows open for out-of-order records and delays the emission of
 * unmatched left/outer results until the window has closed.
 */
export class JoinWindows {
  readonly kind = 'join';

  private constructor(
    readonly beforeMs: number,
    readonly afterMs: number,
    private readonly graceMs: number,
  ) {}

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): JoinWindows {
    return JoinWindows.ofTimeDifferenceAndGrace(timeDifferenceMs, 0);
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): JoinWindows {
    requireMillis(timeDifferenceMs, 'JoinWindows time difference');
    requireMillis(graceMs, 'JoinWindows grace');
    return new JoinWindows(timeDifferenceMs, timeDifferenceMs, graceMs);
  }

  /** Sets how far before a left record's time right records may be (may be negative, as in Kafka). */
  before(timeDifferenceMs: number): JoinWindows {
    return JoinWindows.make(timeDifferenceMs, this.afterMs, this.graceMs);
  }

  /** Sets how far after a left record's time right records may be (may be negative, as in Kafka). */
  after(timeDifferenceMs: number): JoinWindows {
    return JoinWindows.make(this.beforeMs, timeDifferenceMs, this.graceMs);
  }

  size(): number {
    return this.beforeMs + this.afterMs;
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }

  private static make(beforeMs: number, afterMs: number, graceMs: number): JoinWindows {
    if (!Number.isSafeInteger(beforeMs) || !Number.isSafeInteger(afterMs)) {
      throw new RangeError('JoinWindows bounds must be whole numbers of milliseconds');
    }
    if (beforeMs + afterMs < 0) {
      throw new RangeError('JoinWindows interval (beforeMs + afterMs) must not be negative');
    }
    return new JoinWindows(beforeMs, afterMs, graceMs);
  }
}
