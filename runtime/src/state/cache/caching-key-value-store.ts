import { bytesKey, compareBytes } from '../bytes.js';
import type { InMemoryKeyValueStore, KeyValue, KeyValueStore, RawEntry } from '../key-value-store.js';
import type { ManagedStateStore } from '../store.js';
import { CachingStoreBase } from './caching-store.js';
import type { CacheEntry, RecordCache } from './record-cache.js';
import type { RecordContextAccess } from './record-context.js';

/**
 * Kafka's CachingKeyValueStore: writes go to the task's record cache and reach the wrapped store, its
 * changelog and the downstream operators only when the cache evicts them or the task commits, one update per
 * key. Reads see the cache first; a read miss caches the stored value clean, as Kafka does.
 */
export class CachingKeyValueStore<K, V>
  extends CachingStoreBase<K, V>
  implements KeyValueStore<K, V>, ManagedStateStore
{
  readonly storeType: 'keyValue' | 'timestampedKeyValue';

  constructor(
    private readonly inner: InMemoryKeyValueStore<K, V>,
    cache: RecordCache,
    namespace: string,
    records: RecordContextAccess,
  ) {
    super(inner, cache, namespace, records);
    this.storeType = inner.storeType;
  }

  get(key: K): V | null {
    const raw = this.getRaw(this.inner.serializeKey(key));
    return raw === null ? null : this.inner.deserializeValue(raw);
  }

  put(key: K, value: V | null): void {
    this.putRaw(this.inner.serializeKey(key), value === null ? null : this.inner.serializeValue(value));
  }

  putIfAbsent(key: K, value: V): V | null {
    const k = this.inner.serializeKey(key);
    const existing = this.getRaw(k);
    if (existing === null) this.putRaw(k, this.inner.serializeValue(value));
    return existing === null ? null : this.inner.deserializeValue(existing);
  }

  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    for (const e of entries) this.put(e.key, e.value);
  }

  delete(key: K): V | null {
    const k = this.inner.serializeKey(key);
    const old = this.getRaw(k);
    // Kafka's CachingKeyValueStore#deleteInternal: a delete is a cached null, flushed like any write.
    this.putRaw(k, null);
    return old === null ? null : this.inner.deserializeValue(old);
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
    return this.inner.approximateNumEntries();
  }

  private getRaw(key: Uint8Array): Uint8Array | null {
    const cached = this.cache.get(this.named, key);
    if (cached !== null) return cached.value;
    const stored = this.inner.rawGet(key);
    if (stored !== null) this.cache.put(this.named, { key, value: stored, dirty: false, context: null });
    return stored;
  }

  private putRaw(key: Uint8Array, value: Uint8Array | null): void {
    this.cache.put(this.named, { key, value, dirty: true, context: this.records.current() });
  }

  /** Kafka's CachingKeyValueStore#putAndMaybeForward, under the record context of the write. */
  protected putAndMaybeForward(entry: CacheEntry): void {
    const context = entry.context;
    if (context === null)
      throw new Error(`store "${this.name}": a dirty cache entry lost its record context`);
    const newValue = entry.value;
    const oldValue = newValue === null || this.sendOldValues ? this.inner.rawGet(entry.key) : null;
    // Neither in the store nor cached as a value: a delete of nothing writes and forwards nothing.
    if (newValue === null && oldValue === null) return;
    this.records.runWith(context, () => {
      this.inner.rawPut(entry.key, newValue);
      this.listener?.({
        key: this.inner.deserializeKey(entry.key),
        value: {
          newValue: newValue === null ? null : this.inner.deserializeValue(newValue),
          oldValue: this.sendOldValues && oldValue !== null ? this.inner.deserializeValue(oldValue) : null,
        },
        timestamp: context.timestamp,
        headers: context.headers,
      });
    });
  }

  /** Kafka's MergedSortedCacheKeyValueBytesStoreIterator: the cache's entries override the store's. */
  private scan(from: K | null, to: K | null, descending: boolean): KeyValue<K, V>[] {
    const lo = from === null ? null : this.inner.serializeKey(from);
    const hi = to === null ? null : this.inner.serializeKey(to);
    const merged = new Map<string, RawEntry | null>();
    const order: Uint8Array[] = [];
    const id = bytesKey;
    for (const e of this.inner.rawRange(lo, hi, false)) {
      merged.set(id(e.key), e);
      order.push(e.key);
    }
    const inRange = (k: Uint8Array): boolean =>
      (lo === null || compareBytes(k, lo) >= 0) && (hi === null || compareBytes(k, hi) <= 0);
    for (const c of this.named.entries(inRange)) {
      const k = id(c.key);
      if (!merged.has(k)) order.push(c.key);
      merged.set(k, c.value === null ? null : { key: c.key, value: c.value });
    }
    order.sort(compareBytes);
    if (descending) order.reverse();
    const result: KeyValue<K, V>[] = [];
    for (const k of order) {
      const e = merged.get(id(k));
      if (e === null || e === undefined) continue;
      result.push({ key: this.inner.deserializeKey(e.key), value: this.inner.deserializeValue(e.value) });
    }
    return result;
  }
}
