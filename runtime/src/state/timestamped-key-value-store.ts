import { SerdeError, type Serde } from '../serdes/serde.js';
import { InMemoryKeyValueStore, type KeyValue, type KeyValueStore } from './key-value-store.js';

export interface ValueAndTimestamp<V> {
  readonly value: V;
  readonly timestamp: number;
}

const TWO_32 = 4294967296;

// Timestamps are safe integers, so two 32-bit halves carry them exactly without allocating a BigInt per write.
function writeInt64(view: DataView, value: number): void {
  const ms = Math.trunc(value);
  const high = Math.floor(ms / TWO_32);
  view.setInt32(0, high);
  view.setUint32(4, ms - high * TWO_32);
}

function readInt64(view: DataView): number {
  return view.getInt32(0) * TWO_32 + view.getUint32(4);
}

/** Kafka's timestamped value layout: 8-byte big-endian timestamp, then the value bytes. */
export function valueAndTimestampSerde<V>(inner: Serde<V>): Serde<ValueAndTimestamp<V>> {
  return {
    serialize(vt, topic) {
      const value = inner.serialize(vt.value, topic);
      const out = new Uint8Array(8 + value.length);
      writeInt64(new DataView(out.buffer), vt.timestamp);
      out.set(value, 8);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 8) throw new SerdeError(`timestamped value in "${topic}" is shorter than 8 bytes`);
      const timestamp = readInt64(new DataView(bytes.buffer, bytes.byteOffset, 8));
      return { value: inner.deserialize(bytes.subarray(8), topic), timestamp };
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
