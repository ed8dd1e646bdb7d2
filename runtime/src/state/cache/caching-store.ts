import type { Change } from '../../dsl/change.js';
import type { StateStore, StreamRecord } from '../../processor/api.js';
import type { ChangeLogger } from '../store.js';
import type { CacheEntry, NamedCache, RecordCache } from './record-cache.js';
import type { RecordContextAccess } from './record-context.js';

/** Receives a flushed entry as a Change: the cached new value and, if asked for, the value it replaces. */
export type CacheFlushListener<K, V> = (record: StreamRecord<K, Change<V>>) => void;

/**
 * A store with Kafka's record cache in front (CachingKeyValueStore and friends). The operator that owns it
 * forwards nothing itself: the store forwards each key's latest update when it is evicted or the task commits.
 */
export interface CachingStore<K, V> extends StateStore {
  readonly caching: true;
  /** Kafka's WrappedStateStore#setFlushListener; `sendOldValues` says whether flushes read the old value. */
  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): void;
  /** Writes the dirty entries to the store below (and its changelog) and forwards them. */
  flushCache(): void;
}

export function isCachingStore<K, V>(store: StateStore): store is CachingStore<K, V> {
  return (store as Partial<CachingStore<K, V>>).caching === true;
}

/** What every caching store asks of the store it wraps, beyond its reads and writes. */
interface WrappedStore {
  readonly name: string;
  setChangeLogger(logger: ChangeLogger | null): void;
  restore(key: Uint8Array, value: Uint8Array | null): void;
  close(): void;
}

/**
 * What Kafka's caching key-value, window and session stores share: a namespace of the task's record cache
 * whose evictions and flushes go through `putAndMaybeForward`, the flush listener, and passing restore,
 * change logging and close to the wrapped store.
 */
export abstract class CachingStoreBase<K, V> implements Omit<CachingStore<K, V>, 'approximateNumEntries'> {
  readonly caching = true as const;
  readonly name: string;
  protected readonly named: NamedCache;
  protected listener: CacheFlushListener<K, V> | null = null;
  protected sendOldValues = false;

  protected constructor(
    private readonly wrapped: WrappedStore,
    protected readonly cache: RecordCache,
    private readonly namespace: string,
    protected readonly records: RecordContextAccess,
  ) {
    this.name = wrapped.name;
    this.named = cache.namedCache(namespace);
    this.named.setListener((entries) => {
      for (const entry of entries) this.putAndMaybeForward(entry);
    });
  }

  /** Kafka's putAndMaybeForward: one evicted or flushed entry to the wrapped store and downstream. */
  protected abstract putAndMaybeForward(entry: CacheEntry): void;

  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): void {
    this.listener = listener;
    this.sendOldValues = sendOldValues;
  }

  flushCache(): void {
    this.cache.flush(this.named);
  }

  setChangeLogger(logger: ChangeLogger | null): void {
    this.wrapped.setChangeLogger(logger);
  }

  restore(key: Uint8Array, value: Uint8Array | null): void {
    this.wrapped.restore(key, value);
  }

  close(): void {
    this.cache.close(this.namespace);
    this.wrapped.close();
  }
}
