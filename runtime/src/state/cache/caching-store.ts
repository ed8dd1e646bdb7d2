import type { Change } from '../../dsl/change.js';
import type { StateStore, StreamRecord } from '../../processor/api.js';

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
