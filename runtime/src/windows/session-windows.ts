import type { KGroupedStreamInternals } from '../dsl/kgrouped-stream.js';
import { SessionWindowedKStream } from './dsl/session-windowed-kstream.js';
import { requireMillis } from './window.js';

/**
 * Activity sessions per key: a record extends (or merges) the sessions whose bounds are within the inactivity
 * gap of its timestamp. Sessions are [first record time, last record time], both inclusive.
 */
export class SessionWindows {
  readonly windowedKind = 'session' as const;

  private constructor(
    readonly inactivityGapMs: number,
    private readonly graceMs: number,
  ) {}

  static ofInactivityGapWithNoGrace(inactivityGapMs: number): SessionWindows {
    return SessionWindows.ofInactivityGapAndGrace(inactivityGapMs, 0);
  }

  static ofInactivityGapAndGrace(inactivityGapMs: number, graceMs: number): SessionWindows {
    requireMillis(inactivityGapMs, 'SessionWindows inactivity gap');
    if (inactivityGapMs === 0) throw new RangeError('SessionWindows inactivity gap must be larger than zero');
    requireMillis(graceMs, 'SessionWindows grace');
    return new SessionWindows(inactivityGapMs, graceMs);
  }

  /** Used by KGroupedStream#windowedBy. */
  windowedBy<K, V>(grouped: KGroupedStreamInternals<K, V>): SessionWindowedKStream<K, V> {
    return new SessionWindowedKStream(grouped, this);
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }
}
