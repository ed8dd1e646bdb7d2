// Times and durations as a person reads them in the debugger's reasons.

/** Timestamps from 2001 on read as UTC time of day (12:00:07, 12:00:07.250); small ones as milliseconds. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1e12) return `${ms} ms`;
  const iso = new Date(ms).toISOString();
  const millis = ms % 1000;
  return millis === 0 ? iso.slice(11, 19) : iso.slice(11, 23);
}

export function formatDuration(ms: number): string {
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms !== 0 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

export interface LateFacts {
  readonly timestamp: number;
  readonly window: { readonly start: number; readonly end: number };
  readonly streamTime: number;
  readonly graceMs: number;
  readonly windowType: 'time' | 'sliding' | 'session';
}

/**
 * Why a record was dropped, e.g. "arrived at stream time 12:00:07; its window [12:00:00, 12:00:05) closed at
 * 12:00:06 (grace 1 s)". Time windows exclude their end, sliding windows and sessions include it.
 */
export function lateReason(f: LateFacts): string {
  const close = f.window.end + f.graceMs;
  const bracket = f.windowType === 'time' ? ')' : ']';
  const what = f.windowType === 'session' ? 'its session' : 'its window';
  const grace =
    f.windowType === 'session'
      ? `gap + grace ${formatDuration(f.graceMs)}`
      : `grace ${formatDuration(f.graceMs)}`;
  return (
    `record time ${formatTime(f.timestamp)} arrived at stream time ${formatTime(f.streamTime)}; ` +
    `${what} [${formatTime(f.window.start)}, ${formatTime(f.window.end)}${bracket} closed at ${formatTime(close)} (${grace})`
  );
}
