import type { StreamRecord } from '../processor/api.js';

// Explicit literals rather than `{ ...record, value }`: every operator builds one record per input on the hot
// path, and a fixed-shape literal is both cheaper to create than a spread and keeps call sites monomorphic.

export function withValue<K, V>(record: StreamRecord<K, unknown>, value: V): StreamRecord<K, V> {
  return { key: record.key, value, timestamp: record.timestamp, headers: record.headers };
}

export function withKeyValue<K, V>(
  record: StreamRecord<unknown, unknown>,
  key: K,
  value: V,
): StreamRecord<K, V> {
  return { key, value, timestamp: record.timestamp, headers: record.headers };
}

export function withValueAndTimestamp<K, V>(
  record: StreamRecord<K, unknown>,
  value: V,
  timestamp: number,
): StreamRecord<K, V> {
  return { key: record.key, value, timestamp, headers: record.headers };
}
