// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/state/internals/
// CachingInMemoryKeyValueStoreTest.java (same 150-byte cache, record context topic "topic" at timestamp 10)
// and ThreadCacheTest.java (eviction and flush order). CacheFlushListenerStub keeps the last Change per key.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../dsl/change.js';
import { Serdes } from '../../serdes/serdes.js';
import { encodeUtf8 } from '../../serdes/utf8.js';
import { InMemoryKeyValueStore } from '../key-value-store.js';
import { CachingKeyValueStore } from './caching-key-value-store.js';
import { RecordCache, sizeOf, type CacheEntry } from './record-cache.js';
import type { CachedRecordContext, RecordContextAccess } from './record-context.js';

const TOPIC = 'topic';
const maxCacheSizeBytes = 150;
const context: CachedRecordContext = {
  timestamp: 10,
  headers: new Map(),
  topic: TOPIC,
  partition: 0,
  offset: 0,
};
const records: RecordContextAccess = { current: () => context, runWith: (_c, fn) => fn() };

describe('CachingInMemoryKeyValueStoreTest', () => {
  let underlying: InMemoryKeyValueStore<string, string>;
  let cache: RecordCache;
  let store: CachingKeyValueStore<string, string>;
  let forwarded: Map<string, Change<string>>;
  let logged: number;

  beforeEach(() => {
    underlying = new InMemoryKeyValueStore('store', Serdes.string(), Serdes.string());
    logged = 0;
    underlying.setChangeLogger(() => logged++);
    cache = new RecordCache(maxCacheSizeBytes);
    store = new CachingKeyValueStore(underlying, cache, '0_0-store-name', records);
    forwarded = new Map();
    store.setFlushListener((record) => forwarded.set(record.key, record.value), false);
  });

  const entrySize = (kv: string): number =>
    sizeOf({ key: encodeUtf8(kv), value: encodeUtf8(kv), dirty: true, context });
  /** Puts "0", "1", … until the entries put would fill the cache: the last put evicts. */
  const addItemsToCache = (): number => {
    let cachedSize = 0;
    let i = 0;
    while (cachedSize < maxCacheSizeBytes) {
      const kv = String(i++);
      store.put(kv, kv);
      cachedSize += entrySize(kv);
    }
    return i;
  };

  it('shouldAvoidFlushingDeletionsWithoutDirtyKeys', () => {
    const added = addItemsToCache();
    expect(underlying.approximateNumEntries()).toBe(added);
    expect(forwarded.size).toBe(added);
    store.put('key', 'value');
    expect(underlying.approximateNumEntries()).toBe(added);
    expect(forwarded.size).toBe(added);
    store.put('key', null);
    store.flushCache();
    expect(underlying.approximateNumEntries()).toBe(added);
    expect(forwarded.size).toBe(added);
  });

  it('shouldPutGetToFromCache', () => {
    store.put('key', 'value');
    store.put('key2', 'value2');
    expect(store.get('key')).toBe('value');
    expect(store.get('key2')).toBe('value2');
    expect(cache.size).toBe(2);
    expect(underlying.approximateNumEntries()).toBe(0);
    expect(logged).toBe(0);
  });

  it('shouldFlushEvictedItemsIntoUnderlyingStore', () => {
    const added = addItemsToCache();
    expect(underlying.approximateNumEntries()).toBe(added);
    expect(store.approximateNumEntries()).toBe(added);
    expect(underlying.get('0')).toBe('0');
    // Written to the changelog when flushed, not when put.
    expect(logged).toBe(added);
  });

  it('shouldForwardDirtyItemToListenerWhenEvicted', () => {
    const numRecords = addItemsToCache();
    expect(forwarded.size).toBe(numRecords);
  });

  it('shouldForwardDirtyItemsWhenFlushCalled', () => {
    store.put('1', 'a');
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: 'a', oldValue: null });
  });

  it('shouldForwardOldValuesWhenEnabled', () => {
    store.setFlushListener((record) => forwarded.set(record.key, record.value), true);
    store.put('1', 'a');
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: 'a', oldValue: null });
    store.put('1', 'b');
    store.put('1', 'c');
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: 'c', oldValue: 'a' });
    store.put('1', null);
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: null, oldValue: 'c' });
    forwarded.clear();
    store.put('1', 'a');
    store.put('1', 'b');
    store.put('1', null);
    store.flushCache();
    expect(forwarded.get('1')).toBeUndefined();
  });

  it('shouldNotForwardOldValuesWhenDisabled', () => {
    store.put('1', 'a');
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: 'a', oldValue: null });
    store.put('1', 'b');
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: 'b', oldValue: null });
    store.put('1', null);
    store.flushCache();
    expect(forwarded.get('1')).toEqual({ newValue: null, oldValue: null });
    forwarded.clear();
    store.put('1', 'a');
    store.put('1', 'b');
    store.put('1', null);
    store.flushCache();
    expect(forwarded.get('1')).toBeUndefined();
  });

  it('shouldIterateAllStoredItems / shouldReverseIterateAllStoredItems', () => {
    const items = addItemsToCache();
    expect(items).toBe(3);
    expect(store.all().map((e) => e.key)).toEqual(['0', '1', '2']);
    expect(store.reverseAll().map((e) => e.key)).toEqual(['2', '1', '0']);
  });

  it('shouldIterateOverRange / shouldReverseIterateOverRange (cache and store merged)', () => {
    store.put('0', '0');
    store.put('1', '1');
    store.flushCache();
    store.put('1', 'one'); // cached over the stored value
    store.put('2', '2'); // cached only
    expect(store.range('0', '2')).toEqual([
      { key: '0', value: '0' },
      { key: '1', value: 'one' },
      { key: '2', value: '2' },
    ]);
    expect(store.reverseRange('1', '2').map((e) => e.key)).toEqual(['2', '1']);
  });

  it('shouldDeleteItemsFromCache', () => {
    store.put('a', 'a');
    store.delete('a');
    expect(store.get('a')).toBeNull();
    expect(store.range('a', 'b')).toEqual([]);
    expect(store.reverseRange('a', 'b')).toEqual([]);
    expect(store.all()).toEqual([]);
    expect(store.reverseAll()).toEqual([]);
  });

  it('shouldNotShowItemsDeletedFromCacheButFlushedToStoreBeforeDelete', () => {
    store.put('a', 'a');
    store.flushCache();
    store.delete('a');
    expect(store.get('a')).toBeNull();
    expect(store.range('a', 'b')).toEqual([]);
    expect(store.all()).toEqual([]);
    expect(store.reverseAll()).toEqual([]);
    store.flushCache();
    expect(underlying.get('a')).toBeNull();
  });

  it('shouldClearNamespaceCacheOnClose', () => {
    store.put('a', 'a');
    expect(cache.size).toBe(1);
    store.close();
    expect(cache.size).toBe(0);
    expect(cache.totalBytes).toBe(0);
  });

  it('shouldPutIfAbsent', () => {
    store.putIfAbsent('b', '2');
    expect(store.get('b')).toBe('2');
    store.putIfAbsent('b', '3');
    expect(store.get('b')).toBe('2');
  });

  it('shouldPutAll', () => {
    store.putAll([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(store.get('a')).toBe('1');
    expect(store.get('b')).toBe('2');
  });

  it('shouldThrowNullPointerExceptionOnPutWithNullKey', () => {
    // A caller outside TypeScript's reach: the store must refuse the key, as Kafka throws NullPointerException.
    expect(() => store.put(null as unknown as string, 'v')).toThrow(/null key/);
  });

  it('a read miss caches the stored value clean: it is never flushed again', () => {
    underlying.put('x', 'stored');
    expect(store.get('x')).toBe('stored');
    expect(cache.size).toBe(1);
    store.flushCache();
    expect(forwarded.size).toBe(0);
  });

  it('flushes carry the context of the write that made the entry', () => {
    const seen: CachedRecordContext[] = [];
    let now = context;
    const tracked = new CachingKeyValueStore(underlying, cache, '0_0-other', {
      current: () => now,
      runWith: (c, fn) => {
        seen.push(c);
        fn();
      },
    });
    tracked.setFlushListener(() => undefined, false);
    tracked.put('k', 'v1');
    now = { ...context, timestamp: 42, offset: 7 };
    tracked.put('k', 'v2');
    tracked.flushCache();
    expect(seen).toEqual([{ ...context, timestamp: 42, offset: 7 }]);
  });
});

describe('ThreadCacheTest (eviction and flush order)', () => {
  const entry = (key: string, dirty = true): CacheEntry => ({
    key: encodeUtf8(key),
    value: encodeUtf8(key),
    dirty,
    context: dirty ? context : null,
  });

  it('evicts the least recently used entry, flushing it first and then the other dirty ones in write order', () => {
    const size = sizeOf(entry('a'));
    const cache = new RecordCache(3 * size);
    const named = cache.namedCache('0_0-store');
    const flushed: string[][] = [];
    named.setListener((entries) => flushed.push(entries.map((e) => new TextDecoder().decode(e.key))));
    cache.put(named, entry('a'));
    cache.put(named, entry('b'));
    cache.put(named, entry('c'));
    cache.get(named, encodeUtf8('a')); // a becomes the most recently used
    cache.put(named, entry('c')); // re-written: c is now the last dirty write
    expect(flushed).toEqual([]);
    cache.put(named, entry('d'));
    // b is the eldest: it goes first, then every dirty entry in the order of its last write.
    expect(flushed).toEqual([['b', 'a', 'c', 'd']]);
    expect(named.size).toBe(3);
    expect(cache.totalBytes).toBe(3 * size);
  });

  it('evicts only from the cache that was written to', () => {
    const size = sizeOf(entry('a'));
    const cache = new RecordCache(2 * size);
    const one = cache.namedCache('0_0-one');
    const two = cache.namedCache('0_0-two');
    one.setListener(() => undefined);
    two.setListener(() => undefined);
    cache.put(one, entry('a'));
    cache.put(one, entry('b'));
    cache.put(two, entry('c'));
    expect(one.size).toBe(2);
    expect(two.size).toBe(0);
  });

  it('a clean entry cannot replace a dirty one', () => {
    const cache = new RecordCache(1000);
    const named = cache.namedCache('0_0-store');
    cache.put(named, entry('a'));
    expect(() => cache.put(named, entry('a', false))).toThrow(/clean entry/);
  });

  it('rejects a negative size', () => {
    expect(() => new RecordCache(-1)).toThrow(RangeError);
  });
});
