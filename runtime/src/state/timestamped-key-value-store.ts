import { readInt64BE, writeInt64BE } from '../serdes/big-endian.js';
import { SerdeError, type Serde } from '../serdes/serde.js';
import { bytesRange } from './bytes.js';
import { InMemoryKeyValueStore, type KeyValue, type KeyValueStore } from './key-value-store.js';

export interface ValueAndTimestamp<V> {
  readonly value: V;
  readonly timestamp: number;
}

/** Kafka's timestamped value layout: 8-byte big-endian timestamp, then the value bytes. */
export function valueAndTimestampSerde<V>(inner: Serde<V>): Serde<ValueAndTimestamp<V>> {
  return {
    serialize(vt, topic) {
      const value = inner.serialize(vt.value, topic);
      const out = new Uint8Array(8 + value.length);
      writeInt64BE(out, 0, Math.trunc(vt.timestamp));
      out.set(value, 8);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 8) throw new SerdeError(`timestamped value in "${topic}" is shorter than 8 bytes`);
      return { value: inner.deserialize(bytesRange(bytes, 8), topic), timestamp: readInt64BE(bytes, 0) };
    },
  };
}

/** The store behind KTables and aggregations: values carry the timestamp of their last update. */
export class TimestampedKeyValueStore<K, V> extends InMemoryKeyValueStore<K, ValueAndTimestamp<V>> {
  override readonly storeType = 'timestampedKeyValue';
  constructor(name: string, keySerde: Serde<K>, valueSerde: Serde<V>) {
    super(name, keySerde, valueAndTimestampSerde(valueSerde));
  }
}

/** A plain-value view of a timestamped store, as TopologyTestDriver#getKeyValueStore gives in Kafka. */
export function withoutTimestamps<K, V>(store: KeyValueStore<K, ValueAndTimestamp<V>>): KeyValueStore<K, V> {
  const strip = (entries: KeyValue<K, ValueAndTimestamp<V>>[]): KeyValue<K, V>[] =>
    entries.map((e) => ({ key: e.key, value: e.value.value }));
  return {
    name: store.name,
    get: (key) => store.get(key)?.value ?? null,
    range: (from, to) => strip(store.range(from, to)),
    reverseRange: (from, to) => strip(store.reverseRange(from, to)),
    all: () => strip(store.all()),
    reverseAll: () => strip(store.reverseAll()),
    approximateNumEntries: () => store.approximateNumEntries(),
    put: (key, value) => store.put(key, value === null ? null : { value, timestamp: Date.now() }),
    putIfAbsent: (key, value) => store.putIfAbsent(key, { value, timestamp: Date.now() })?.value ?? null,
    putAll: (entries) => {
      for (const e of entries)
        store.put(e.key, e.value === null ? null : { value: e.value, timestamp: Date.now() });
    },
    delete: (key) => store.delete(key)?.value ?? null,
  };
}
