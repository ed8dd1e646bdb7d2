import type { Serde } from '../serdes/serde.js';
import { defaultSerde, Serdes } from '../serdes/serdes.js';
import type { AnySerde } from '../topology/nodes.js';
import { changeSerde } from './change.js';
import type { DslContext } from './dsl-context.js';
import { KTable } from './ktable.js';
import { storeFlags, type Aggregator, type Initializer, type Materialized, type Reducer } from './options.js';
import { tableAggregateSupplier, type TableState } from './table-processors.js';

/**
 * A re-grouped table (Kafka's KGroupedTable). Aggregations receive each upstream change as a subtraction of
 * the old value and an addition of the new one, after a repartition through `<name|store>-repartition`.
 */
export class KGroupedTable<K, V> {
  private repartitionSource: string | null = null;

  constructor(
    private readonly ctx: DslContext,
    private readonly nodeName: string,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
    private readonly repartitionName: string | undefined,
  ) {}

  count(options: Materialized<K, number> = {}): KTable<K, number> {
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KTABLE-AGGREGATE-');
    return this.build(
      'KTABLE-AGGREGATE-',
      storeName,
      options,
      options.valueSerde ?? Serdes.long(),
      (_k, _v, agg) => (agg ?? 0) + 1,
      (_k, _v, agg) => agg - 1,
    );
  }

  reduce(adder: Reducer<V>, subtractor: Reducer<V>, options: Materialized<K, V> = {}): KTable<K, V> {
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KTABLE-AGGREGATE-');
    return this.build(
      'KTABLE-REDUCE-',
      storeName,
      options,
      options.valueSerde ?? this.valueSerde,
      (_k, v, agg) => (agg === null ? v : adder(agg, v)),
      (_k, v, agg) => subtractor(agg, v),
    );
  }

  aggregate<A>(
    initializer: Initializer<A>,
    adder: Aggregator<K, V, A>,
    subtractor: Aggregator<K, V, A>,
    options: Materialized<K, A> = {},
  ): KTable<K, A> {
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KTABLE-AGGREGATE-');
    return this.build(
      'KTABLE-AGGREGATE-',
      storeName,
      options,
      options.valueSerde,
      (k, v, agg) => adder(k, v, agg ?? initializer()),
      subtractor,
    );
  }

  private build<A>(
    prefix: string,
    storeName: string,
    options: Materialized<K, A>,
    valueSerde: Serde<A> | undefined,
    add: (key: K, value: V, aggregate: A | null) => A,
    subtract: (key: K, value: V, aggregate: A) => A | null,
  ): KTable<K, A> {
    const names = this.ctx.names;
    const sinkName = names.suffixOrElseGenerate(options.name, '-sink', 'KSTREAM-SINK-');
    const sourceName = names.suffixOrElseGenerate(options.name, '-source', 'KSTREAM-SOURCE-');
    const name = names.orElseGenerate(options.name, prefix);
    const parent = this.repartition(sinkName, sourceName, storeName);
    const keySerde = options.keySerde ?? this.keySerde;
    const state: TableState & { storeName: string } = { storeName, sendOldValues: false };
    this.ctx.addProcessor(name, tableAggregateSupplier<K, V, A>(state, add, subtract), parent);
    this.ctx.addTimestampedStore(storeName, keySerde, valueSerde, storeFlags(options), name);
    return new KTable<K, A>(this.ctx, name, keySerde, valueSerde, state, { kind: 'store' });
  }

  /** Kafka reuses the repartition topic across aggregations only when the user named it (Grouped name). */
  private repartition(sinkName: string, sourceName: string, storeName: string): string {
    if (this.repartitionSource !== null && this.repartitionName !== undefined) return this.repartitionSource;
    const topic = `${this.repartitionName ?? storeName}-repartition`;
    // Always wrapped: a Change pair is not a V, whatever the default serdes are.
    const valueSerde = changeSerde(this.valueSerde ?? defaultSerde<V>()) as AnySerde;
    const keySerde = this.keySerde as AnySerde | undefined;
    const topology = this.ctx.topology;
    topology.addInternalTopic(topic);
    topology.addSink(sinkName, topic, { keySerde, valueSerde }, this.nodeName);
    topology.addSource(sourceName, [topic], { keySerde, valueSerde });
    this.repartitionSource = sourceName;
    return sourceName;
  }
}
