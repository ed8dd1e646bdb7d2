import type { ProduceRecord } from '@topograph/api';

/**
 * Reads the producer panel's text: one record per line. A line that is a JSON object with a `value` field is
 * a full record (`key`, `value`, `timestamp`); other JSON is the value; anything else is a plain string value
 * (so a sentence can be typed as is for a string topic).
 */
export function parseRecordLines(text: string): ProduceRecord[] {
  const out: ProduceRecord[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      out.push({ value: line });
      continue;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'value' in parsed) {
      const r = parsed as { key?: unknown; value: unknown; timestamp?: unknown };
      out.push({
        key: r.key,
        value: r.value,
        ...(typeof r.timestamp === 'number' ? { timestamp: r.timestamp } : {}),
      });
    } else out.push({ value: parsed });
  }
  return out;
}
