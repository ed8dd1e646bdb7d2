import type { Serde } from '../serdes/serde.js';
import { valueAndTimestampSerde, type ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import { InMemoryWindowStore, type ReadOnlyWindowStore, type WindowStoreOptions } from './window-store.js';

/**
 * The store behind windowed aggregations: each aggregate with the timestamp of its latest record (Kafka's
 * TimestampedWindowStore). `plainView()` is what TopologyTestDriver#getWindowStore hands out, as Kafka does.
 */
export class TimestampedWindowStore<K, V> extends InMemoryWindowStore<K, ValueAndTimestamp<V>> {
  constructor(name: string, keySerde: Serde<K>, valueSerde: Serde<V>, options: WindowStoreOptions) {
    super(name, keySerde, valueAndTimestampSerde(valueSerde), options);
  }

  /** A read-only view with the timestamps stripped. */
  plainView(): ReadOnlyWindowStore<K, V> {
    return plainWindowView(this);
  }
}

/** A window store of timestamped aggregates seen without their timestamps (TopologyTestDriver#getWindowStore). */
export function plainWindowView<K, V>(
  store: ReadOnlyWindowStore<K, ValueAndTimestamp<V>>,
): ReadOnlyWindowStore<K, V> {
  return {
    name: store.name,
    fetch: (key, windowStart) => store.fetch(key, windowStart)?.value ?? null,
    fetchRange: (key, from, to) =>
      store.fetchRange(key, from, to).map((e) => ({ timestamp: e.timestamp, value: e.value.value })),
    backwardFetchRange: (key, from, to) =>
      store.backwardFetchRange(key, from, to).map((e) => ({ timestamp: e.timestamp, value: e.value.value })),
    fetchKeyRange: (keyFrom, keyTo, from, to) =>
      store.fetchKeyRange(keyFrom, keyTo, from, to).map((e) => ({ key: e.key, value: e.value.value })),
    fetchAll: (from, to) => store.fetchAll(from, to).map((e) => ({ key: e.key, value: e.value.value })),
    all: () => store.all().map((e) => ({ key: e.key, value: e.value.value })),
    approximateNumEntries: () => store.approximateNumEntries(),
  };
}
