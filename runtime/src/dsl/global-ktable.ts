import { internalContext } from '../engine/internal-context.js';
import type { Serde } from '../serdes/serde.js';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store.js';
import type { KTableValueGetterSupplier } from './internals.js';

/**
 * A table replicated in full to every task (Kafka's GlobalKTable); it is read only through joins, which look
 * values up with `valueGetterSupplier()`. Global stores need no connection to the processors reading them.
 */
export class GlobalKTable<K, V> {
  constructor(
    readonly storeName: string,
    readonly keySerde: Serde<K> | undefined,
    readonly valueSerde: Serde<V> | undefined,
  ) {}

  get queryableStoreName(): string {
    return this.storeName;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    const storeName = this.storeName;
    return {
      storeNames: [],
      get: () => {
        let store: TimestampedKeyValueStore<K, V> | null = null;
        return {
          init: (context) => {
            store = internalContext(context).getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
          },
          get: (key) => (store as TimestampedKeyValueStore<K, V>).get(key),
        };
      },
    };
  }
}
