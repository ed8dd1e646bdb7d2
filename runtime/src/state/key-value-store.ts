import type { StateStore } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { bytesKey } from './bytes.js';
import { InMemoryBytesStore } from './in-memory-bytes-store.js';
import type { ChangeLogger, ManagedStateStore } from './store.js';

export interface RawEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

export interface KeyValue<K, V> {
  key: K;
  value: V;
}

export interface ReadOnlyKeyValueStore<K, V> {
  get(key: K): V | null;
  /** Entries with from ≤ key ≤ to in serialized-key byte order (null bound = open). */
  range(from: K | null, to: K | null): KeyValue<K, V>[];
  reverseRange(from: K | null, to: K | null): KeyValue<K, V>[];
  all(): KeyValue<K, V>[];
  reverseAll(): KeyValue<K, V>[];
  approximateNumEntries(): number;
}

export interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
  /** Puts a value; null deletes, as a tombstone does. */
  put(key: K, value: V | null): void;
  putIfAbsent(key: K, value: V): V | null;
  putAll(entries: readonly KeyValue<K, V | null>[]): void;
  delete(key: K): V | null;
}

/** An in-memory key-value store over serialized keys (so ordering matches Kafka's byte order). */
export class InMemoryKeyValueStore<K, V> implements KeyValueStore<K, V>, ManagedStateStore {
  readonly storeType: 'keyValue' | 'timestampedKeyValue' = 'keyValue';
  private readonly bytes = new InMemoryBytesStore();
  private logger: ChangeLogger | null = null;
  // An aggregation reads a key and then writes it, record after record: the last primitive key's bytes and map
  // id are kept so that pair serializes the key once, not twice. Only primitives, which cannot change in
  // between (an object key may be mutated by user code, so it is serialized every time, as Kafka does).
  private lastKey: unknown = undefined;
  private lastKeyBytes: Uint8Array | null = null;
  private lastKeyId = '';

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
  ) {}

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(key: Uint8Array, value: Uint8Array | null): void {
    if (value === null) this.bytes.delete(key);
    else this.bytes.put(key, value);
  }

  get(key: K): V | null {
    const k = this.keyBytes(key);
    const value = this.bytes.get(k, this.idOf(k));
    return value === null ? null : this.valueSerde.deserialize(value, this.name);
  }

  put(key: K, value: V | null): void {
    const k = this.keyBytes(key);
    if (value === null) {
      this.bytes.delete(k);
      this.logger?.(k, null);
      return;
    }
    const v = this.valueSerde.serialize(value, this.name);
    this.bytes.put(k, v, this.idOf(k));
    this.logger?.(k, v);
  }

  putIfAbsent(key: K, value: V): V | null {
    const existing = this.get(key);
    if (existing === null) this.put(key, value);
    return existing;
  }

  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    for (const e of entries) this.put(e.key, e.value);
  }

  delete(key: K): V | null {
    const k = this.keyBytes(key);
    const old = this.bytes.delete(k);
    if (old === null) return null;
    this.logger?.(k, null);
    return this.valueSerde.deserialize(old, this.name);
  }

  range(from: K | null, to: K | null): KeyValue<K, V>[] {
    return this.scan(from, to, false);
  }

  reverseRange(from: K | null, to: K | null): KeyValue<K, V>[] {
    return this.scan(from, to, true);
  }

  all(): KeyValue<K, V>[] {
    return this.scan(null, null, false);
  }

  reverseAll(): KeyValue<K, V>[] {
    return this.scan(null, null, true);
  }

  approximateNumEntries(): number {
    return this.bytes.size;
  }

  close(): void {
    this.bytes.clear();
  }

  // Byte-level access for a caching layer above this store (Kafka's CachingKeyValueStore wraps the bytes store).

  rawGet(key: Uint8Array): Uint8Array | null {
    return this.bytes.get(key);
  }

  /** Writes (null deletes) and logs, as put does. */
  rawPut(key: Uint8Array, value: Uint8Array | null): void {
    if (value === null) this.bytes.delete(key);
    else this.bytes.put(key, value);
    this.logger?.(key, value);
  }

  rawRange(from: Uint8Array | null, to: Uint8Array | null, descending: boolean): RawEntry[] {
    return this.bytes.range(from, to, descending);
  }

  serializeKey(key: K): Uint8Array {
    return this.keyBytes(key);
  }

  serializeValue(value: V): Uint8Array {
    return this.valueSerde.serialize(value, this.name);
  }

  deserializeKey(bytes: Uint8Array): K {
    return this.keySerde.deserialize(bytes, this.name);
  }

  deserializeValue(bytes: Uint8Array): V {
    return this.valueSerde.deserialize(bytes, this.name);
  }

  private keyBytes(key: K): Uint8Array {
    if (key === null || key === undefined)
      throw new TypeError(`store "${this.name}" does not accept a null key`);
    if (this.lastKeyBytes !== null && Object.is(key, this.lastKey)) return this.lastKeyBytes;
    const bytes = this.keySerde.serialize(key, this.name);
    if (typeof key !== 'object' && typeof key !== 'function') {
      this.lastKey = key;
      this.lastKeyBytes = bytes;
      this.lastKeyId = bytesKey(bytes);
    } else this.lastKeyBytes = null;
    return bytes;
  }

  /** The map id of serialized key bytes: the remembered one when they are the last key's. */
  private idOf(bytes: Uint8Array): string {
    return bytes === this.lastKeyBytes ? this.lastKeyId : bytesKey(bytes);
  }

  private scan(from: K | null, to: K | null, descending: boolean): KeyValue<K, V>[] {
    const entries = this.bytes.range(
      from === null ? null : this.keyBytes(from),
      to === null ? null : this.keyBytes(to),
      descending,
    );
    return entries.map((e) => ({
      key: this.keySerde.deserialize(e.key, this.name),
      value: this.valueSerde.deserialize(e.value, this.name),
    }));
  }
}
