// Window types shared by windowed aggregations, window/session stores, suppression and joins.

/** A time interval. Time windows are [start, end) and session/sliding windows [start, end] — as in Kafka. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** A key qualified by the window it was aggregated in: the key type of every windowed KTable. */
export interface Windowed<K> {
  readonly key: K;
  readonly window: Window;
}

export function windowed<K>(key: K, start: number, end: number): Windowed<K> {
  return { key, window: { start, end } };
}

/** Kafka's Windowed#toString shape, handy in logs and test failure messages. */
export function windowedToString(w: Windowed<unknown>): string {
  return `[${String(w.key)}@${w.window.start}/${w.window.end}]`;
}

export function requireMillis(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a whole number of milliseconds, got ${String(value)}`);
  }
  if (value < 0) throw new RangeError(`${what} must not be negative, got ${value}`);
  return value;
}

/** Kafka's default grace before 3.0 was 24h minus size; the `…WithNoGrace` factories use 0 as Kafka does now. */
export const NO_GRACE = 0;

// What the window aggregation processors read of their windows (TimeWindows, SessionWindows and SlidingWindows
// have these members): the processors take these rather than the classes, which import the windowed streams
// that import the processors.

export interface FixedWindowsSpec {
  readonly sizeMs: number;
  readonly advanceMs: number;
  size(): number;
  gracePeriodMs(): number;
  /** Every window containing `timestamp`, ascending by start. */
  windowsFor(timestamp: number): Window[];
}

export interface SessionWindowsSpec {
  readonly inactivityGapMs: number;
  gracePeriodMs(): number;
}

export interface SlidingWindowsSpec {
  readonly timeDifferenceMs: number;
  gracePeriodMs(): number;
}
