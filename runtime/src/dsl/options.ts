import type { Serde } from '../serdes/serde.js';
import type { StreamPartitioner, TimestampExtractor } from '../topology/nodes.js';

// TypeScript option objects standing in for Kafka's Named, Consumed, Produced, Grouped, Materialized and
// Repartitioned. Every operator accepts at least `{ name }`.

export interface Named {
  /** The processor node name (the designer passes the canvas node id). */
  readonly name?: string;
}

export interface Consumed<K, V> extends Named {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly timestampExtractor?: TimestampExtractor;
}

export interface Produced<K, V> extends Named {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly partitioner?: StreamPartitioner<K, V>;
}

export interface Grouped<K, V> extends Named {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
}

export interface Repartitioned<K, V> extends Named {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly partitioner?: StreamPartitioner<K, V>;
  readonly numberOfPartitions?: number;
}

/** Materialized: `storeName` makes the result queryable (TopologyTestDriver#getKeyValueStore, KafkaStreams#store). */
export interface Materialized<K, V> extends Named {
  readonly storeName?: string;
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  /** Log the store to a changelog topic (default true). */
  readonly logging?: boolean;
  /**
   * Keep the store's updates in the record cache (default true; `false` is Kafka's withCachingDisabled()).
   * Without a cache (cacheMaxBytes 0) it makes no difference.
   */
  readonly cachingEnabled?: boolean;
}

/** How a DSL store is built from its Materialized: logged and cached unless turned off, as in Kafka. */
export interface StoreFlags {
  readonly logging: boolean;
  readonly caching: boolean;
}

export function storeFlags(options: Materialized<unknown, unknown>): StoreFlags {
  return { logging: options.logging ?? true, caching: options.cachingEnabled ?? true };
}

export interface ProcessOptions extends Named {
  /** Stores (added with StreamsBuilder#addStateStore) the processor may use. */
  readonly stores?: readonly string[];
}

export type Predicate<K, V> = (key: K, value: V) => boolean;
export type KeyValueMapper<K, V, R> = (key: K, value: V) => R;
export type ValueMapper<V, K, VR> = (value: V, key: K) => VR;
export type Initializer<A> = () => A;
export type Aggregator<K, V, A> = (key: K, value: V, aggregate: A) => A;
export type Reducer<V> = (aggregate: V, value: V) => V;

/** Whether options carry a Materialized (Kafka draws extra generated names for an unnamed Materialized). */
export function hasMaterialized(options: Materialized<unknown, unknown>): boolean {
  return (
    options.storeName !== undefined ||
    options.keySerde !== undefined ||
    options.valueSerde !== undefined ||
    options.logging !== undefined ||
    options.cachingEnabled !== undefined
  );
}
