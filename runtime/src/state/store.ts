import type { StateStore } from '../processor/api.js';

/** Receives every write of a logged store as bytes; the task turns it into a changelog record. */
export type ChangeLogger = (key: Uint8Array, value: Uint8Array | null) => void;

/**
 * What the engine needs from every store it manages (key-value here; window and session stores implement it
 * too). The task attaches a change logger for logged stores and calls `restore` with changelog records before
 * processing starts.
 */
export interface ManagedStateStore extends StateStore {
  /** Lets runners and the TopologyTestDriver hand out the right typed view (getWindowStore, ...). */
  readonly storeType?:
    'keyValue' | 'timestampedKeyValue' | 'versionedKeyValue' | 'window' | 'session' | 'other';
  setChangeLogger(logger: ChangeLogger | null): void;
  /** Applies one changelog record (value null = delete) without logging it again. */
  restore(key: Uint8Array, value: Uint8Array | null): void;
  close(): void;
}

/** Describes a store a topology needs; each task builds its own instance. */
export interface StoreBuilder<S extends ManagedStateStore = ManagedStateStore> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  /**
   * Put the record cache in front of the store (Kafka's StoreBuilder#withCachingEnabled). Off by default, as
   * for Processor API stores in Kafka; DSL stores turn it on unless Materialized says `cachingEnabled: false`.
   */
  readonly cachingEnabled: boolean;
  build(): S;
  withLoggingDisabled(): StoreBuilder<S>;
  withLoggingEnabled(): StoreBuilder<S>;
  withCachingEnabled(): StoreBuilder<S>;
  withCachingDisabled(): StoreBuilder<S>;
}
