// Comparing keys and recognising table updates in traced records, where values are plain JS data.
import type { Change } from '../dsl/change.js';

/** A string equal for equal keys (JSON with sorted object keys; bytes and bigints spelled out). */
export function stableKey(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, normalise(o[k])]),
    );
  }
  return value;
}

/** What KTable processors forward (see dsl/change.ts): an object with exactly newValue and oldValue (+ isLatest). */
export function isChange(value: unknown): value is Change<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    'newValue' in value &&
    'oldValue' in value &&
    keys.every((k) => k === 'newValue' || k === 'oldValue' || k === 'isLatest')
  );
}
