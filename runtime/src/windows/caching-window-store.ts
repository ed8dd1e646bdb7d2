import { compareBytes } from '../state/bytes.js';
import { CachingStoreBase } from '../state/cache/caching-store.js';
import type { CacheEntry, RecordCache } from '../state/cache/record-cache.js';
import type { RecordContextAccess } from '../state/cache/record-context.js';
import type { ManagedStateStore } from '../state/store.js';
import type { ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import { parseWindowChangelogKey, windowChangelogKey } from './store-keys.js';
import { plainWindowView } from './timestamped-window-store.js';
import type { Windowed } from './window.js';
import type {
  InMemoryWindowStore,
  ReadOnlyWindowStore,
  TimestampedValue,
  WindowedKeyValue,
  WindowStore,
} from './window-store.js';

interface Found {
  readonly key: Uint8Array;
  readonly start: number;
  readonly value: Uint8Array;
}

/**
 * Kafka's CachingWindowStore over the timestamped window store of a windowed aggregation: writes wait in the
 * record cache (keyed by Kafka's window key layout, [key][start][seq 0]) until eviction or commit, then reach
 * the store, its changelog and the aggregation's downstream as one update per window. Reads merge the cache
 * over the store.
 */
export class CachingWindowStore<K, V>
  extends CachingStoreBase<Windowed<K>, ValueAndTimestamp<V>>
  implements WindowStore<K, ValueAndTimestamp<V>>, ManagedStateStore
{
  readonly storeType = 'window' as const;

  constructor(
    private readonly inner: InMemoryWindowStore<K, ValueAndTimestamp<V>>,
    cache: RecordCache,
    namespace: string,
    records: RecordContextAccess,
  ) {
    super(inner, cache, namespace, records);
  }

  put(key: K, value: ValueAndTimestamp<V> | null, windowStart: number): void {
    const k = windowChangelogKey(this.inner.serializeKey(key), windowStart, 0);
    const v = value === null ? null : this.inner.serializeValue(value);
    this.cache.put(this.named, { key: k, value: v, dirty: true, context: this.records.current() });
  }

  fetch(key: K, windowStart: number): ValueAndTimestamp<V> | null {
    const k = this.inner.serializeKey(key);
    const cached = this.cache.get(this.named, windowChangelogKey(k, windowStart, 0));
    const raw = cached !== null ? cached.value : this.inner.rawFetch(k, windowStart);
    return raw === null ? null : this.inner.deserializeValue(raw);
  }

  fetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<ValueAndTimestamp<V>>[] {
    const k = this.inner.serializeKey(key);
    const stored = this.inner
      .fetchRange(key, timeFrom, timeTo)
      .map((e) => ({ key: k, start: e.timestamp, value: this.inner.serializeValue(e.value) }));
    return this.merge(
      stored,
      (key2, start) => compareBytes(key2, k) === 0 && start >= timeFrom && start <= timeTo,
    ).map((f) => ({ timestamp: f.start, value: this.inner.deserializeValue(f.value) }));
  }

  backwardFetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<ValueAndTimestamp<V>>[] {
    return this.fetchRange(key, timeFrom, timeTo).reverse();
  }

  fetchKeyRange(
    keyFrom: K | null,
    keyTo: K | null,
    timeFrom: number,
    timeTo: number,
  ): WindowedKeyValue<K, ValueAndTimestamp<V>>[] {
    const lo = keyFrom === null ? null : this.inner.serializeKey(keyFrom);
    const hi = keyTo === null ? null : this.inner.serializeKey(keyTo);
    const stored = this.inner.fetchKeyRange(keyFrom, keyTo, timeFrom, timeTo).map((e) => this.found(e));
    return this.merge(
      stored,
      (k, start) =>
        start >= timeFrom &&
        start <= timeTo &&
        (lo === null || compareBytes(k, lo) >= 0) &&
        (hi === null || compareBytes(k, hi) <= 0),
    ).map((f) => this.keyValue(f));
  }

  fetchAll(timeFrom: number, timeTo: number): WindowedKeyValue<K, ValueAndTimestamp<V>>[] {
    return this.fetchKeyRange(null, null, timeFrom, timeTo);
  }

  all(): WindowedKeyValue<K, ValueAndTimestamp<V>>[] {
    return this.fetchKeyRange(null, null, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  /** What TopologyTestDriver#getWindowStore hands out: the aggregates without their timestamps. */
  plainView(): ReadOnlyWindowStore<K, V> {
    return plainWindowView(this);
  }

  private found(e: WindowedKeyValue<K, ValueAndTimestamp<V>>): Found {
    return {
      key: this.inner.serializeKey(e.key.key),
      start: e.key.window.start,
      value: this.inner.serializeValue(e.value),
    };
  }

  private keyValue(f: Found): WindowedKeyValue<K, ValueAndTimestamp<V>> {
    return {
      key: {
        key: this.inner.deserializeKey(f.key),
        window: { start: f.start, end: f.start + this.inner.windowSize },
      },
      value: this.inner.deserializeValue(f.value),
    };
  }

  /** Kafka's MergedSortedCacheWindowStoreIterator: cached windows override stored ones, by (start, key). */
  private merge(stored: readonly Found[], inRange: (key: Uint8Array, start: number) => boolean): Found[] {
    const byId = new Map<string, Found | null>();
    const id = (key: Uint8Array, start: number): string => `${start}:${Array.prototype.join.call(key, ',')}`;
    for (const f of stored) byId.set(id(f.key, f.start), f);
    for (const c of this.named.entries(() => true)) {
      const { key, start } = parseWindowChangelogKey(c.key);
      if (!inRange(key, start)) continue;
      byId.set(id(key, start), c.value === null ? null : { key, start, value: c.value });
    }
    const merged: Found[] = [];
    for (const f of byId.values()) if (f !== null) merged.push(f);
    return merged.sort((a, b) => (a.start !== b.start ? a.start - b.start : compareBytes(a.key, b.key)));
  }

  /** Kafka's CachingWindowStore#putAndMaybeForward, under the record context of the write. */
  protected putAndMaybeForward(entry: CacheEntry): void {
    const context = entry.context;
    if (context === null)
      throw new Error(`store "${this.name}": a dirty cache entry lost its record context`);
    const { key, start } = parseWindowChangelogKey(entry.key);
    const newValue = entry.value;
    const oldValue = newValue === null || this.sendOldValues ? this.inner.rawFetch(key, start) : null;
    if (newValue === null && oldValue === null) return;
    this.records.runWith(context, () => {
      this.inner.rawPut(key, newValue, start);
      this.listener?.({
        key: { key: this.inner.deserializeKey(key), window: { start, end: start + this.inner.windowSize } },
        value: {
          newValue: newValue === null ? null : this.inner.deserializeValue(newValue),
          oldValue: this.sendOldValues && oldValue !== null ? this.inner.deserializeValue(oldValue) : null,
        },
        timestamp: context.timestamp,
        headers: context.headers,
      });
    });
  }
}
