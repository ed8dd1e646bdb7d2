// After Kafka Streams' streams/src/test/java/org/apache/kafka/streams/state/internals/CachingInMemorySessionStoreTest.java
// (shouldPutFetchFromCache, shouldFetchAllSessionsWithSameRecordKey, shouldFlushItemsToStoreOnEviction,
// shouldQueryItemsInCacheAndStore, shouldRemove, shouldForwardChangedValuesDuringFlush,
// shouldNotForwardChangedValuesDuringFlushWhenSendOldValuesDisabled, shouldClearNamespaceCacheOnClose).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../dsl/change.js';
import { Serdes } from '../serdes/serdes.js';
import { RecordCache } from '../state/cache/record-cache.js';
import type { CachedRecordContext, RecordContextAccess } from '../state/cache/record-context.js';
import { CachingSessionStore } from './caching-session-store.js';
import { InMemorySessionStore } from './session-store.js';
import type { Windowed } from './window.js';

const DEFAULT_TIMESTAMP = 10;
const context: CachedRecordContext = {
  timestamp: DEFAULT_TIMESTAMP,
  headers: new Map(),
  topic: 'topic',
  partition: 0,
  offset: 0,
};
const records: RecordContextAccess = { current: () => context, runWith: (_c, fn) => fn() };
const session = (key: string, start: number, end: number): Windowed<string> => ({
  key,
  window: { start, end },
});

describe('CachingInMemorySessionStoreTest', () => {
  let underlying: InMemorySessionStore<string, string>;
  let cache: RecordCache;
  let store: CachingSessionStore<string, string>;
  let forwarded: { key: string; change: Change<string>; timestamp: number }[];

  function setUp(maxBytes: number, sendOldValues: boolean): void {
    underlying = new InMemorySessionStore('store', Serdes.string(), Serdes.string(), 10_000);
    cache = new RecordCache(maxBytes);
    store = new CachingSessionStore(underlying, cache, '0_0-store', records);
    forwarded = [];
    store.setFlushListener(
      (r) =>
        forwarded.push({
          key: `${r.key.key}@${r.key.window.start}/${r.key.window.end}`,
          change: r.value,
          timestamp: r.timestamp,
        }),
      sendOldValues,
    );
  }

  beforeEach(() => setUp(10 * 1024, false));

  /** Kafka's addSessionsUntilOverflow: sessions [i*10, i*10] of the keys, in turn, until the cache evicts. */
  function addSessionsUntilOverflow(...keys: string[]): { key: Windowed<string>; value: string }[] {
    const added: { key: Windowed<string>; value: string }[] = [];
    for (let i = 0; cache.size === added.length; i++) {
      const key = session(keys[i % keys.length] as string, i * 10, i * 10);
      const value = `${i}`;
      store.put(key, value);
      added.push({ key, value });
    }
    return added;
  }

  it('shouldPutFetchFromCache', () => {
    store.put(session('a', 0, 0), '1');
    store.put(session('aa', 0, 0), '1');
    store.put(session('b', 0, 0), '1');
    expect(cache.size).toBe(3);
    expect(store.findSessions('a', 0, 0)).toEqual([{ key: session('a', 0, 0), value: '1' }]);
    expect(store.findSessions('b', 0, 0)).toEqual([{ key: session('b', 0, 0), value: '1' }]);
    expect(underlying.approximateNumEntries()).toBe(0);
  });

  it('shouldFetchAllSessionsWithSameRecordKey', () => {
    const expected = [
      { key: session('a', 0, 0), value: '1' },
      { key: session('a', 10, 10), value: '2' },
      { key: session('a', 100, 100), value: '3' },
      { key: session('a', 1000, 1000), value: '4' },
    ];
    for (const kv of expected) store.put(kv.key, kv.value);
    store.put(session('aa', 0, 0), '5');
    expect(store.fetch('a')).toEqual(expected);
  });

  it('shouldFlushItemsToStoreOnEviction', () => {
    setUp(600, false);
    const added = addSessionsUntilOverflow('a', 'b', 'c', 'd');
    expect(cache.size).toBe(added.length - 1);
    const first = added[0] as { key: Windowed<string>; value: string };
    expect(underlying.fetchSession('a', 0, 0)).toBe(first.value);
    expect(store.findSessions('a', 0, 0)).toEqual([first]);
  });

  it('shouldQueryItemsInCacheAndStore: evicted sessions and cached ones come back merged, by end', () => {
    setUp(600, false);
    const added = addSessionsUntilOverflow('a');
    expect(underlying.approximateNumEntries()).toBeGreaterThan(0);
    expect(store.findSessions('a', 0, added.length * 10)).toEqual(added);
  });

  it('shouldRemove', () => {
    store.put(session('a', 0, 0), '2');
    store.put(session('b', 0, 0), '2');
    store.remove(session('a', 0, 0));
    expect(store.findSessions('a', 0, 0)).toEqual([]);
    expect(store.fetchSession('a', 0, 0)).toBeNull();
    expect(store.fetchSession('b', 0, 0)).toBe('2');
  });

  it('a cached removal hides a session already flushed to the store', () => {
    store.put(session('a', 0, 0), '1');
    store.flushCache();
    store.remove(session('a', 0, 0));
    expect(underlying.fetchSession('a', 0, 0)).toBe('1');
    expect(store.fetch('a')).toEqual([]);
    expect(store.all()).toEqual([]);
    store.flushCache();
    expect(underlying.fetchSession('a', 0, 0)).toBeNull();
  });

  it('shouldForwardChangedValuesDuringFlush', () => {
    setUp(10 * 1024, true);
    const a = session('a', 2, 4);
    const b = session('a', 1, 2);
    store.put(b, '1');
    store.flushCache();
    expect(forwarded.splice(0)).toEqual([
      { key: 'a@1/2', change: { newValue: '1', oldValue: null }, timestamp: DEFAULT_TIMESTAMP },
    ]);
    store.put(a, '1');
    store.flushCache();
    expect(forwarded.splice(0)).toEqual([
      { key: 'a@2/4', change: { newValue: '1', oldValue: null }, timestamp: DEFAULT_TIMESTAMP },
    ]);
    store.put(a, '2');
    store.flushCache();
    expect(forwarded.splice(0)).toEqual([
      { key: 'a@2/4', change: { newValue: '2', oldValue: '1' }, timestamp: DEFAULT_TIMESTAMP },
    ]);
    store.remove(a);
    store.flushCache();
    expect(forwarded.splice(0)).toEqual([
      { key: 'a@2/4', change: { newValue: null, oldValue: '2' }, timestamp: DEFAULT_TIMESTAMP },
    ]);
    store.put(a, '1');
    store.put(a, '2');
    store.remove(a);
    store.flushCache();
    expect(forwarded).toEqual([]);
  });

  it('shouldNotForwardChangedValuesDuringFlushWhenSendOldValuesDisabled', () => {
    const a = session('a', 0, 0);
    store.put(a, '1');
    store.flushCache();
    store.put(a, '2');
    store.flushCache();
    store.remove(a);
    store.flushCache();
    expect(forwarded.splice(0)).toEqual([
      { key: 'a@0/0', change: { newValue: '1', oldValue: null }, timestamp: DEFAULT_TIMESTAMP },
      { key: 'a@0/0', change: { newValue: '2', oldValue: null }, timestamp: DEFAULT_TIMESTAMP },
      { key: 'a@0/0', change: { newValue: null, oldValue: null }, timestamp: DEFAULT_TIMESTAMP },
    ]);
    store.put(a, '1');
    store.put(a, '2');
    store.remove(a);
    store.flushCache();
    expect(forwarded).toEqual([]);
  });

  it('findSessionsByEndTime merges cache and store across keys, by (end, key, start)', () => {
    store.put(session('b', 5, 5), '1');
    store.flushCache();
    store.put(session('a', 5, 5), '2');
    store.put(session('a', 0, 3), '3');
    store.put(session('c', 9, 9), '4');
    expect(store.findSessionsByEndTime(0, 5)).toEqual([
      { key: session('a', 0, 3), value: '3' },
      { key: session('a', 5, 5), value: '2' },
      { key: session('b', 5, 5), value: '1' },
    ]);
  });

  it('shouldClearNamespaceCacheOnClose', () => {
    store.put(session('a', 0, 0), '1');
    expect(cache.size).toBe(1);
    store.close();
    expect(cache.size).toBe(0);
  });
});
