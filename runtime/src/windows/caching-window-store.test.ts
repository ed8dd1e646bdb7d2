// After Kafka Streams' streams/src/test/java/org/apache/kafka/streams/state/internals/CachingInMemoryWindowStoreTest.java
// (shouldPutFetchFromCache, shouldForwardDirtyItemsWhenFlushCalled, shouldForwardOldValuesWhenEnabled,
// shouldTakeValueFromCacheIfSameTimestampFlushedToRocks, shouldIterateAcrossWindows, shouldIterateCacheAndStore,
// shouldClearNamespaceCacheOnClose), over the timestamped window store of a windowed aggregation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../dsl/change.js';
import { Serdes } from '../serdes/serdes.js';
import { RecordCache } from '../state/cache/record-cache.js';
import type { CachedRecordContext, RecordContextAccess } from '../state/cache/record-context.js';
import type { ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import { CachingWindowStore } from './caching-window-store.js';
import { TimestampedWindowStore } from './timestamped-window-store.js';

const WINDOW_SIZE = 10;
const context: CachedRecordContext = {
  timestamp: 10,
  headers: new Map(),
  topic: 'topic',
  partition: 0,
  offset: 0,
};
const records: RecordContextAccess = { current: () => context, runWith: (_c, fn) => fn() };
const vt = (value: string, timestamp = 10): ValueAndTimestamp<string> => ({ value, timestamp });

describe('CachingInMemoryWindowStoreTest', () => {
  let underlying: TimestampedWindowStore<string, string>;
  let cache: RecordCache;
  let store: CachingWindowStore<string, string>;
  let forwarded: { key: string; change: Change<ValueAndTimestamp<string>> }[];

  beforeEach(() => {
    underlying = new TimestampedWindowStore('store', Serdes.string(), Serdes.string(), {
      retentionMs: 1000,
      windowSizeMs: WINDOW_SIZE,
    });
    cache = new RecordCache(10 * 1024);
    store = new CachingWindowStore(underlying, cache, '0_0-store', records);
    forwarded = [];
    store.setFlushListener(
      (r) =>
        forwarded.push({ key: `${r.key.key}@${r.key.window.start}/${r.key.window.end}`, change: r.value }),
      false,
    );
  });

  it('shouldPutFetchFromCache', () => {
    store.put('a', vt('a'), 10);
    store.put('b', vt('b'), 10);
    expect(store.fetch('a', 10)).toEqual(vt('a'));
    expect(store.fetch('b', 10)).toEqual(vt('b'));
    expect(store.fetch('c', 10)).toBeNull();
    expect(underlying.approximateNumEntries()).toBe(0);
  });

  it('shouldForwardDirtyItemsWhenFlushCalled: the windowed key carries the window end', () => {
    store.put('1', vt('a'), 0);
    store.flushCache();
    expect(forwarded).toEqual([{ key: '1@0/10', change: { newValue: vt('a'), oldValue: null } }]);
    expect(underlying.fetch('1', 0)).toEqual(vt('a'));
  });

  it('shouldForwardOldValuesWhenEnabled', () => {
    store.setFlushListener(
      (r) =>
        forwarded.push({ key: `${r.key.key}@${r.key.window.start}/${r.key.window.end}`, change: r.value }),
      true,
    );
    store.put('1', vt('a'), 0);
    store.flushCache();
    store.put('1', vt('b'), 0);
    store.put('1', vt('c'), 0);
    store.flushCache();
    expect(forwarded.at(-1)).toEqual({ key: '1@0/10', change: { newValue: vt('c'), oldValue: vt('a') } });
    store.put('1', null, 0);
    store.flushCache();
    expect(forwarded.at(-1)).toEqual({ key: '1@0/10', change: { newValue: null, oldValue: vt('c') } });
  });

  it('shouldTakeValueFromCacheIfSameTimestampFlushedToRocks', () => {
    store.put('1', vt('a'), 0);
    store.flushCache();
    store.put('1', vt('b'), 0);
    expect(store.fetchRange('1', 0, 0)).toEqual([{ timestamp: 0, value: vt('b') }]);
  });

  it('shouldIterateAcrossWindows / shouldIterateCacheAndStore', () => {
    store.put('1', vt('a'), 0);
    store.flushCache();
    store.put('1', vt('b'), 10);
    store.put('2', vt('c'), 0);
    expect(store.fetchRange('1', 0, 10)).toEqual([
      { timestamp: 0, value: vt('a') },
      { timestamp: 10, value: vt('b') },
    ]);
    expect(store.backwardFetchRange('1', 0, 10).map((e) => e.timestamp)).toEqual([10, 0]);
    expect(store.fetchAll(0, 10).map((e) => `${e.key.key}@${e.key.window.start}`)).toEqual([
      '1@0',
      '2@0',
      '1@10',
    ]);
    expect(
      store
        .plainView()
        .all()
        .map((e) => e.value),
    ).toEqual(['a', 'c', 'b']);
  });

  it('a cached delete hides the stored window', () => {
    store.put('1', vt('a'), 0);
    store.flushCache();
    store.put('1', null, 0);
    expect(store.fetch('1', 0)).toBeNull();
    expect(store.all()).toEqual([]);
  });

  it('shouldClearNamespaceCacheOnClose', () => {
    store.put('a', vt('a'), 0);
    expect(cache.size).toBe(1);
    store.close();
    expect(cache.size).toBe(0);
  });
});
