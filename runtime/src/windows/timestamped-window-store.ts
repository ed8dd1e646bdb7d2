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
    return {
      name: this.name,
      fetch: (key, windowStart) => this.fetch(key, windowStart)?.value ?? null,
      fetchRange: (key, from, to) =>
        this.fetchRange(key, from, to).map((e) => ({ timestamp: e.timestamp, value: e.value.value })),
      backwardFetchRange: (key, from, to) =>
        this.backwardFetchRange(key, from, to).map((e) => ({ timestamp: e.timestamp, value: e.value.value })),
      fetchKeyRange: (keyFrom, keyTo, from, to) =>
        this.fetchKeyRange(keyFrom, keyTo, from, to).map((e) => ({ key: e.key, value: e.value.value })),
      fetchAll: (from, to) => this.fetchAll(from, to).map((e) => ({ key: e.key, value: e.value.value })),
      all: () => this.all().map((e) => ({ key: e.key, value: e.value.value })),
      approximateNumEntries: () => this.approximateNumEntries(),
    };
  }
}
