// Values and times as the debugger shows them.

export function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Epoch timestamps as UTC time of day; small ones (tests, samples) as milliseconds. */
export function time(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1e12) return `${ms} ms`;
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.slice(11, 19) : iso.slice(11, 23);
}
