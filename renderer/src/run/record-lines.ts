import type { ProduceRecord, TopicSerdes } from '@topograph/api';

export type ParsedLines =
  | { ok: true; records: ProduceRecord[] }
  /** `line` is 1-based, counting blank lines, so it matches what the user sees in the box. */
  | { ok: false; line: number; message: string };

type Serdes = Pick<TopicSerdes, 'keySerde' | 'valueSerde'>;

/**
 * Reads the producer panel's text, one record per line, checked against the topic's serdes so nothing is sent
 * unless every line can be: the first bad line is reported and nothing goes out. A line that is a JSON object
 * with a `value` field is a full record (`key`, `value`, `timestamp`); other JSON is the value. On a topic
 * with string values a line that is not JSON is the text itself (a sentence can be typed as is); on a JSON
 * topic it is an error, never a string sent in its place. Numbers are what long and double topics take.
 */
export function parseRecordLines(text: string, serdes?: Serdes): ParsedLines {
  const records: ProduceRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const r = readLine(line, serdes);
    if (typeof r === 'string') return { ok: false, line: i + 1, message: `line ${i + 1}: ${r}` };
    records.push(r);
  }
  return { ok: true, records };
}

function readLine(line: string, serdes: Serdes | undefined): ProduceRecord | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    const valueSerde = serdes?.valueSerde ?? 'string';
    if (valueSerde === 'string' || valueSerde === 'bytes') return { value: line };
    if (valueSerde === 'json')
      return `not valid JSON (${reason(e)}); this topic's values are JSON — write a JSON value or {"key": …, "value": …}`;
    return `"${line}" is not a number; this topic's values are ${valueSerde}`;
  }
  const record =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'value' in parsed
      ? (parsed as { key?: unknown; value: unknown; timestamp?: unknown })
      : null;
  if (record === null) {
    // A bare number or JSON text on a string topic is the text as typed.
    if (serdes?.valueSerde === 'string' && typeof parsed !== 'string') return { value: line };
    const bad = serdes ? misfit(parsed, serdes.valueSerde, 'value') : null;
    return bad ?? { value: parsed };
  }
  if (record.timestamp !== undefined) {
    const t = record.timestamp;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0)
      return `"timestamp" must be a whole number of milliseconds since the epoch, not ${JSON.stringify(t)}`;
  }
  if (serdes) {
    const bad =
      misfit(record.value, serdes.valueSerde, 'value') ??
      (record.key === undefined ? null : misfit(record.key, serdes.keySerde, 'key'));
    if (bad !== null) return bad;
  }
  return {
    ...(record.key !== undefined ? { key: record.key } : {}),
    value: record.value,
    ...(typeof record.timestamp === 'number' ? { timestamp: record.timestamp } : {}),
  };
}

/** Why a value cannot be written with a serde, or null when it can (null is a tombstone or no key). */
function misfit(value: unknown, serde: string, what: 'key' | 'value'): string | null {
  if (value === null) return null;
  switch (serde) {
    case 'string':
    case 'bytes':
      return typeof value === 'string'
        ? null
        : `the ${what} must be a string for this topic (${serde} serde)`;
    case 'long':
      return typeof value === 'number' && Number.isInteger(value)
        ? null
        : `the ${what} must be a whole number for this topic (long serde)`;
    case 'double':
      return typeof value === 'number' ? null : `the ${what} must be a number for this topic (double serde)`;
    default:
      return null;
  }
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
