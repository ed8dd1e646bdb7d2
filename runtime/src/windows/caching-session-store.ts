import { compareBytes } from '../state/bytes.js';
import { CachingStoreBase } from '../state/cache/caching-store.js';
import type { CacheEntry, RecordCache } from '../state/cache/record-cache.js';
import type { RecordContextAccess } from '../state/cache/record-context.js';
import type { ManagedStateStore } from '../state/store.js';
import type { InMemorySessionStore, SessionKeyValue, SessionStore } from './session-store.js';
import { parseSessionChangelogKey, sessionChangelogKey } from './store-keys.js';
import type { Windowed } from './window.js';

interface Found {
  readonly key: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly value: Uint8Array;
}

/**
 * Kafka's CachingSessionStore over the session store of a session-windowed aggregation: writes and removes wait
 * in the record cache (keyed by the session's changelog key) until eviction or commit, then reach the store, its
 * changelog and the aggregation's downstream as one update per session. Reads merge the cache over the store.
 */
export class CachingSessionStore<K, V>
  extends CachingStoreBase<Windowed<K>, V>
  implements SessionStore<K, V>, ManagedStateStore
{
  readonly storeType = 'session' as const;

  constructor(
    private readonly inner: InMemorySessionStore<K, V>,
    cache: RecordCache,
    namespace: string,
    records: RecordContextAccess,
  ) {
    super(inner, cache, namespace, records);
  }

  put(session: Windowed<K>, aggregate: V | null): void {
    const { start, end } = session.window;
    if (end < start)
      throw new RangeError(`session store "${this.name}": session end ${end} is before start ${start}`);
    const key = sessionChangelogKey(this.inner.serializeKey(session.key), start, end);
    const value = aggregate === null ? null : this.inner.serializeValue(aggregate);
    this.cache.put(this.named, { key, value, dirty: true, context: this.records.current() });
  }

  remove(session: Windowed<K>): void {
    this.put(session, null);
  }

  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null {
    const k = this.inner.serializeKey(key);
    const cached = this.cache.get(this.named, sessionChangelogKey(k, sessionStartTime, sessionEndTime));
    const raw = cached !== null ? cached.value : this.inner.rawFetch(k, sessionStartTime, sessionEndTime);
    return raw === null ? null : this.inner.deserializeValue(raw);
  }

  findSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): SessionKeyValue<K, V>[] {
    const k = this.inner.serializeKey(key);
    return this.merge(
      earliestSessionEndTime,
      (f) => f.start <= latestSessionStartTime && compareBytes(f.key, k) === 0,
    );
  }

  findSessionsByEndTime(
    earliestSessionEndTime: number,
    latestSessionEndTime: number,
  ): SessionKeyValue<K, V>[] {
    return this.merge(earliestSessionEndTime, (f) => f.end <= latestSessionEndTime);
  }

  fetch(key: K): SessionKeyValue<K, V>[] {
    return this.findSessions(key, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  all(): SessionKeyValue<K, V>[] {
    return this.merge(Number.NEGATIVE_INFINITY, () => true);
  }

  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  /**
   * Kafka's MergedSortedCacheSessionStoreIterator: cached sessions (and cached removals) override stored ones;
   * the result is in the store's (end, key, start) order.
   */
  private merge(earliestEnd: number, inRange: (f: Found) => boolean): SessionKeyValue<K, V>[] {
    const byId = new Map<string, Found | null>();
    const id = (f: { key: Uint8Array; start: number; end: number }): string =>
      `${f.end}:${f.start}:${Array.prototype.join.call(f.key, ',')}`;
    for (const f of this.inner.rawLive(earliestEnd)) if (inRange(f)) byId.set(id(f), f);
    for (const c of this.named.entries(() => true)) {
      const { key, start, end } = parseSessionChangelogKey(c.key);
      const found = { key, start, end, value: c.value ?? new Uint8Array(0) };
      if (end < earliestEnd || !inRange(found)) continue;
      byId.set(id(found), c.value === null ? null : found);
    }
    const merged: Found[] = [];
    for (const f of byId.values()) if (f !== null) merged.push(f);
    merged.sort((a, b) => {
      if (a.end !== b.end) return a.end - b.end;
      const k = compareBytes(a.key, b.key);
      return k !== 0 ? k : a.start - b.start;
    });
    return merged.map((f) => ({
      key: { key: this.inner.deserializeKey(f.key), window: { start: f.start, end: f.end } },
      value: this.inner.deserializeValue(f.value),
    }));
  }

  /** Kafka's CachingSessionStore#putAndMaybeForward, under the record context of the write. */
  protected putAndMaybeForward(entry: CacheEntry): void {
    const context = entry.context;
    if (context === null)
      throw new Error(`store "${this.name}": a dirty cache entry lost its record context`);
    const { key, start, end } = parseSessionChangelogKey(entry.key);
    const newValue = entry.value;
    const oldValue = newValue === null || this.sendOldValues ? this.inner.rawFetch(key, start, end) : null;
    // A session created and removed between two flushes never reached the store: nothing to write or forward.
    if (newValue === null && oldValue === null) return;
    this.records.runWith(context, () => {
      this.inner.rawPut(key, start, end, newValue);
      this.listener?.({
        key: { key: this.inner.deserializeKey(key), window: { start, end } },
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
