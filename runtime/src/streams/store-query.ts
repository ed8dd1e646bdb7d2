import type { StateStore } from '../processor/api.js';
import type { KeyValue, ReadOnlyKeyValueStore } from '../state/key-value-store.js';

function isKeyValueStore<K, V>(store: StateStore): store is StateStore & ReadOnlyKeyValueStore<K, V> {
  const candidate = store as Partial<ReadOnlyKeyValueStore<K, V>>;
  return typeof candidate.get === 'function' && typeof candidate.all === 'function';
}

/**
 * One read-only view over the instances of a key-value store in this instance's tasks (Kafka's
 * CompositeReadOnlyKeyValueStore). Instances are looked up on every call, so the view follows rebalances;
 * each key lives in exactly one task, so `get` asks each until one answers and scans concatenate per task.
 */
export class CompositeKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
  constructor(
    readonly name: string,
    private readonly instances: () => StateStore[],
  ) {}

  get(key: K): V | null {
    for (const store of this.stores()) {
      const value = store.get(key);
      if (value !== null) return value;
    }
    return null;
  }

  range(from: K | null, to: K | null): KeyValue<K, V>[] {
    return this.stores().flatMap((s) => s.range(from, to));
  }

  reverseRange(from: K | null, to: K | null): KeyValue<K, V>[] {
    return this.stores().flatMap((s) => s.reverseRange(from, to));
  }

  all(): KeyValue<K, V>[] {
    return this.stores().flatMap((s) => s.all());
  }

  reverseAll(): KeyValue<K, V>[] {
    return this.stores().flatMap((s) => s.reverseAll());
  }

  approximateNumEntries(): number {
    return this.stores().reduce((sum, s) => sum + s.approximateNumEntries(), 0);
  }

  private stores(): ReadOnlyKeyValueStore<K, V>[] {
    return this.instances().map((store) => {
      if (!isKeyValueStore<K, V>(store)) {
        throw new TypeError(
          `store "${this.name}" is not a key-value store; use storeInstances("${this.name}")`,
        );
      }
      return store;
    });
  }
}
