// Hand-written plain TypeScript loops computing exactly what the benchmark topologies compute, from the same
// serialized input to the same serialized output: the yardstick the runtime is measured against.

import { encodeUtf8, writeInt64BE } from '@topograph/runtime/internals';
import type { Event, InputRecord } from './data.js';

export interface OutputRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly timestamp: number;
}

// The loops use the same byte-level helpers as the runtime's serdes (its short-ASCII UTF-8 fast path, longs
// written byte by byte), so the ratio measures the engine's overhead, not a difference in encoding tricks.
const encoder = { encode: encodeUtf8 };
const decoder = new TextDecoder();

function longBytes(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  writeInt64BE(bytes, 0, value);
  return bytes;
}

/** filter(kind !== 'view') → mapValues(to cents) → to('out'). */
export function statelessChain(input: readonly InputRecord[]): OutputRecord[] {
  const out: OutputRecord[] = [];
  for (const record of input) {
    const key = record.key === null ? null : decoder.decode(record.key);
    const event = JSON.parse(decoder.decode(record.value)) as Event;
    if (event.kind === 'view') continue;
    const mapped = { user: event.user, cents: Math.round(event.amount * 100) };
    out.push({
      key: key === null ? null : encoder.encode(key),
      value: encoder.encode(JSON.stringify(mapped)),
      timestamp: record.timestamp,
    });
  }
  return out;
}

/** flatMapValues(split words) → filter(non-empty) → groupBy(word) → count() → toStream → to('counts'). */
export function wordCount(input: readonly InputRecord[]): OutputRecord[] {
  const counts = new Map<string, number>();
  const out: OutputRecord[] = [];
  for (const record of input) {
    const line = decoder.decode(record.value);
    for (const word of line.toLowerCase().split(/\W+/)) {
      if (word.length === 0) continue;
      const count = (counts.get(word) ?? 0) + 1;
      counts.set(word, count);
      out.push({ key: encoder.encode(word), value: longBytes(count), timestamp: record.timestamp });
    }
  }
  return out;
}

/**
 * groupByKey → windowedBy(tumbling `sizeMs`, no grace) → aggregate { count, sum, min, max } → toStream →
 * to('stats') keyed by `ticker@windowStart`.
 */
export function windowedAggregation(input: readonly InputRecord[], sizeMs: number): OutputRecord[] {
  type Stats = { count: number; sum: number; min: number; max: number };
  const windows = new Map<string, Map<number, Stats>>();
  const out: OutputRecord[] = [];
  let streamTime = -1;
  for (const record of input) {
    const ticker = decoder.decode(record.key!);
    const { price } = JSON.parse(decoder.decode(record.value)) as { price: number };
    streamTime = Math.max(streamTime, record.timestamp);
    const start = record.timestamp - (record.timestamp % sizeMs);
    // No grace: a window closes at its end; records for closed windows would be dropped.
    if (start + sizeMs <= streamTime) continue;
    let perKey = windows.get(ticker);
    if (perKey === undefined) windows.set(ticker, (perKey = new Map()));
    // MAX_VALUE rather than Infinity: the aggregate travels as JSON, which has no Infinity.
    const previous = perKey.get(start) ?? { count: 0, sum: 0, min: Number.MAX_VALUE, max: -Number.MAX_VALUE };
    const next: Stats = {
      count: previous.count + 1,
      sum: previous.sum + price,
      min: Math.min(previous.min, price),
      max: Math.max(previous.max, price),
    };
    perKey.set(start, next);
    out.push({
      key: encoder.encode(`${ticker}@${start}`),
      value: encoder.encode(JSON.stringify(next)),
      timestamp: record.timestamp,
    });
  }
  return out;
}

/** left.join(right, (l, r) => `${l}+${r}`, JoinWindows.ofTimeDifferenceWithNoGrace(windowMs)) → to('joined'). */
export function streamStreamJoin(
  left: readonly InputRecord[],
  right: readonly InputRecord[],
  windowMs: number,
): OutputRecord[] {
  type Buffered = { value: string; timestamp: number };
  const leftBuffer = new Map<string, Buffered[]>();
  const rightBuffer = new Map<string, Buffered[]>();
  const out: OutputRecord[] = [];
  let streamTime = -1;
  // Both inputs are processed in timestamp order, as Kafka Streams picks the record with the lowest timestamp.
  let l = 0;
  let r = 0;
  while (l < left.length || r < right.length) {
    const takeLeft = r >= right.length || (l < left.length && left[l]!.timestamp <= right[r]!.timestamp);
    const record = takeLeft ? left[l++]! : right[r++]!;
    const key = decoder.decode(record.key!);
    const value = decoder.decode(record.value);
    streamTime = Math.max(streamTime, record.timestamp);
    const own = takeLeft ? leftBuffer : rightBuffer;
    const other = takeLeft ? rightBuffer : leftBuffer;
    let list = own.get(key);
    if (list === undefined) own.set(key, (list = []));
    list.push({ value, timestamp: record.timestamp });
    for (const candidate of other.get(key) ?? []) {
      if (Math.abs(candidate.timestamp - record.timestamp) > windowMs) continue;
      const joined = takeLeft ? `${value}+${candidate.value}` : `${candidate.value}+${value}`;
      out.push({
        key: encoder.encode(key),
        value: encoder.encode(joined),
        timestamp: Math.max(candidate.timestamp, record.timestamp),
      });
    }
    // Drop buffered records no future record can join with (older than stream time minus the window).
    if ((l + r) % 1024 === 0) {
      for (const buffer of [leftBuffer, rightBuffer]) {
        for (const [k, items] of buffer) {
          const kept = items.filter((item) => item.timestamp >= streamTime - windowMs);
          if (kept.length === 0) buffer.delete(k);
          else buffer.set(k, kept);
        }
      }
    }
  }
  return out;
}
