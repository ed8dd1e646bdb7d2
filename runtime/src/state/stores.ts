import type { Serde } from '../serdes/serde.js';
import { InMemoryKeyValueStore } from './key-value-store.js';
import type { ManagedStateStore, StoreBuilder } from './store.js';
import { versionedStoreBuilder, versionedStoreSupplier } from './versioned/versioned-stores.js';

/** Stores.inMemoryKeyValueStore(name): the supplier half of Kafka's two-step store API. */
export interface KeyValueBytesStoreSupplier {
  readonly name: string;
}

class SimpleStoreBuilder<S extends ManagedStateStore> implements StoreBuilder<S> {
  constructor(
    readonly name: string,
    private readonly factory: () => S,
    readonly loggingEnabled = true,
    readonly cachingEnabled = false,
  ) {}

  build(): S {
    return this.factory();
  }

  withLoggingDisabled(): StoreBuilder<S> {
    return new SimpleStoreBuilder(this.name, this.factory, false, this.cachingEnabled);
  }

  withLoggingEnabled(): StoreBuilder<S> {
    return new SimpleStoreBuilder(this.name, this.factory, true, this.cachingEnabled);
  }

  withCachingEnabled(): StoreBuilder<S> {
    return new SimpleStoreBuilder(this.name, this.factory, this.loggingEnabled, true);
  }

  withCachingDisabled(): StoreBuilder<S> {
    return new SimpleStoreBuilder(this.name, this.factory, this.loggingEnabled, false);
  }
}

function checkName(name: string): void {
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw new Error(`invalid store name "${name}": use letters, digits, '.', '_' and '-' (it names a topic)`);
  }
}

export const Stores = {
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name);
    return { name };
  },
  keyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
  ): StoreBuilder<InMemoryKeyValueStore<K, V>> {
    return new SimpleStoreBuilder(
      supplier.name,
      () => new InMemoryKeyValueStore(supplier.name, keySerde, valueSerde),
    );
  },
  /** A versioned store (KIP-889) keeping `historyRetentionMs` of history; kept in memory here, logged. */
  persistentVersionedKeyValueStore: versionedStoreSupplier,
  versionedKeyValueStoreBuilder: versionedStoreBuilder,
  /** For window/session stores and other custom stores: wrap any factory as a builder. */
  storeBuilder<S extends ManagedStateStore>(
    name: string,
    factory: () => S,
    loggingEnabled = true,
  ): StoreBuilder<S> {
    checkName(name);
    return new SimpleStoreBuilder(name, factory, loggingEnabled);
  },
} as const;
