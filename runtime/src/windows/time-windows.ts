import type { KGroupedStreamInternals } from '../dsl/kgrouped-stream.js';
import { TimeWindowedKStream } from './dsl/time-windowed-kstream.js';
import { requireMillis, type Window } from './window.js';

/**
 * Fixed-size windows aligned to the epoch: tumbling when advance = size, hopping when advance < size.
 * Windows are [start, start + size).
 */
export class TimeWindows {
  readonly windowedKind = 'time' as const;

  private constructor(
    readonly sizeMs: number,
    readonly advanceMs: number,
    private readonly graceMs: number,
  ) {}

  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return TimeWindows.ofSizeAndGrace(sizeMs, 0);
  }

  static ofSizeAndGrace(sizeMs: number, graceMs: number): TimeWindows {
    requireMillis(sizeMs, 'TimeWindows size');
    if (sizeMs === 0) throw new RangeError('TimeWindows size must be larger than zero');
    requireMillis(graceMs, 'TimeWindows grace');
    return new TimeWindows(sizeMs, sizeMs, graceMs);
  }

  /** Turns tumbling windows into hopping windows that start every `advanceMs`. */
  advanceBy(advanceMs: number): TimeWindows {
    requireMillis(advanceMs, 'TimeWindows advance');
    if (advanceMs === 0 || advanceMs > this.sizeMs) {
      throw new RangeError(
        `TimeWindows advance must be more than zero and at most the window size (${this.sizeMs} ms), got ${advanceMs}`,
      );
    }
    return new TimeWindows(this.sizeMs, advanceMs, this.graceMs);
  }

  /** Used by KGroupedStream#windowedBy. */
  windowedBy<K, V>(grouped: KGroupedStreamInternals<K, V>): TimeWindowedKStream<K, V> {
    return new TimeWindowedKStream(grouped, this);
  }

  size(): number {
    return this.sizeMs;
  }

  gracePeriodMs(): number {
    return this.graceMs;
  }

  /** Every window containing `timestamp`, ascending by start (Kafka's TimeWindows#windowsFor). */
  windowsFor(timestamp: number): Window[] {
    const windows: Window[] = [];
    let start =
      Math.floor(Math.max(0, timestamp - this.sizeMs + this.advanceMs) / this.advanceMs) * this.advanceMs;
    while (start <= timestamp) {
      windows.push({ start, end: start + this.sizeMs });
      start += this.advanceMs;
    }
    return windows;
  }
}
