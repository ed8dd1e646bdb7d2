import type { SerdeName } from '@topograph/document';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** How a sample key or value is shown in its field: JSON for json topics, the plain text otherwise. */
export function formatField(value: unknown, serde: SerdeName): string {
  if (value === null || value === undefined) return '';
  if (serde === 'json') return JSON.stringify(value);
  return String(value);
}

/** A field's text as the key or value it stands for; an empty field is null (no key, a tombstone value). */
export function parseField(text: string, serde: SerdeName): Parsed {
  if (text.trim() === '') return { ok: true, value: null };
  switch (serde) {
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (e) {
        return { ok: false, error: `not JSON: ${(e as Error).message}` };
      }
    case 'long': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, error: 'not a whole number' };
    }
    case 'double': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'not a number' };
    }
    case 'string':
      return { ok: true, value: text };
    case 'bytes':
      return { ok: false, error: 'bytes topics take no sample records here' };
  }
}

/** A record timestamp in ms: a whole number ≥ 0, or empty for 0. */
export function parseTimestamp(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0
    ? { ok: true, value: n }
    : { ok: false, error: 'a timestamp is a whole number of ms ≥ 0' };
}
