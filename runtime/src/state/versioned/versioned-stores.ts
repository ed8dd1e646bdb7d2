import type { Serde } from '../../serdes/serde.js';
import { defaultSerde } from '../../serdes/serdes.js';
import type { StoreBuilder } from '../store.js';
import { InMemoryVersionedKeyValueStore } from './versioned-key-value-store.js';

/** Kafka's VersionedBytesStoreSupplier: a store name and how long history is kept behind stream time. */
export interface VersionedBytesStoreSupplier {
  readonly name: string;
  readonly historyRetentionMs: number;
  readonly versioned: true;
}

/** The `versioned` option of tables: Kafka's Materialized.as(Stores.persistentVersionedKeyValueStore(...)). */
export interface VersionedOptions {
  /** How far behind stream time the table can still be read as of a timestamp (and still take late updates). */
  readonly historyRetentionMs: number;
}

const NAME = /^[a-zA-Z0-9._-]+$/;

export function versionedStoreSupplier(
  name: string,
  historyRetentionMs: number,
): VersionedBytesStoreSupplier {
  if (!NAME.test(name))
    throw new Error(`invalid store name "${name}": use letters, digits, '.', '_' and '-' (it names a topic)`);
  if (!Number.isInteger(historyRetentionMs) || historyRetentionMs < 0)
    throw new RangeError(`history retention must be whole milliseconds ≥ 0, got ${historyRetentionMs}`);
  return { name, historyRetentionMs, versioned: true };
}

class VersionedStoreBuilder<K, V> implements StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
  constructor(
    private readonly supplier: VersionedBytesStoreSupplier,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
    readonly loggingEnabled = true,
  ) {}

  /** Kafka's versioned stores have no caching layer (VersionedKeyValueStoreBuilder#withCachingEnabled throws). */
  readonly cachingEnabled = false;

  get name(): string {
    return this.supplier.name;
  }

  build(): InMemoryVersionedKeyValueStore<K, V> {
    return new InMemoryVersionedKeyValueStore<K, V>(
      this.supplier.name,
      this.supplier.historyRetentionMs,
      this.keySerde ?? defaultSerde<K>(),
      this.valueSerde ?? defaultSerde<V>(),
    );
  }

  withLoggingDisabled(): StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
    return new VersionedStoreBuilder(this.supplier, this.keySerde, this.valueSerde, false);
  }

  withLoggingEnabled(): StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
    return new VersionedStoreBuilder(this.supplier, this.keySerde, this.valueSerde, true);
  }

  withCachingEnabled(): StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
    throw new Error(`versioned store "${this.name}": versioned stores do not support caching`);
  }

  withCachingDisabled(): StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
    return this;
  }
}

/** Kafka's Stores.versionedKeyValueStoreBuilder; default serdes when unset, as for the other DSL stores. */
export function versionedStoreBuilder<K, V>(
  supplier: VersionedBytesStoreSupplier,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
): StoreBuilder<InMemoryVersionedKeyValueStore<K, V>> {
  return new VersionedStoreBuilder(supplier, keySerde, valueSerde);
}
