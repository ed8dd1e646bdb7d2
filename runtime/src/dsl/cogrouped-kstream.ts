import type { Serde } from '../serdes/serde.js';
import type { DslContext } from './dsl-context.js';
import type { KGroupedStream } from './kgrouped-stream.js';
import { KTable } from './ktable.js';
import { storeFlags, type Aggregator, type Initializer, type Materialized } from './options.js';
import { passThroughSupplier } from './stream-processors.js';
import { streamAggregateSupplier, type TableState } from './table-processors.js';

interface Pattern<K, VOut> {
  readonly grouped: KGroupedStream<K, unknown>;
  readonly aggregator: Aggregator<K, unknown, VOut>;
}

/**
 * Several grouped streams aggregated into one table (Kafka's CogroupedKStream): each input gets its own
 * aggregate processor over one shared store, and a merge node forwards all of their updates.
 */
export class CogroupedKStream<K, VOut> {
  private readonly patterns: Pattern<K, VOut>[] = [];

  constructor(private readonly ctx: DslContext) {}

  cogroup<VIn>(grouped: KGroupedStream<K, VIn>, aggregator: Aggregator<K, VIn, VOut>): this {
    const erased = grouped as KGroupedStream<K, unknown>;
    const entry: Pattern<K, VOut> = {
      grouped: erased,
      aggregator: aggregator as Aggregator<K, unknown, VOut>,
    };
    // Like Kafka's LinkedHashMap: cogrouping the same stream again replaces its aggregator in place.
    const at = this.patterns.findIndex((p) => p.grouped === erased);
    if (at >= 0) this.patterns[at] = entry;
    else this.patterns.push(entry);
    return this;
  }

  aggregate(initializer: Initializer<VOut>, options: Materialized<K, VOut> = {}): KTable<K, VOut> {
    const names = this.ctx.names;
    const storeName = options.storeName ?? names.newStoreName('COGROUPKSTREAM-AGGREGATE-');
    const parents = this.patterns.map((p) => p.grouped.internals().repartitionIfRequired(storeName));
    const state: TableState & { storeName: string } = { storeName, sendOldValues: false };
    const processorNames: string[] = [];
    this.patterns.forEach((pattern, i) => {
      const name = names.suffixOrElseGenerate(options.name, `-cogroup-agg-${i}`, 'COGROUPKSTREAM-AGGREGATE-');
      const aggregate = pattern.aggregator;
      this.ctx.addProcessor(
        name,
        streamAggregateSupplier<K, unknown, VOut>(state, (k, v) => aggregate(k, v, initializer()), aggregate),
        parents[i] as string,
      );
      if (i === 0) {
        this.ctx.addTimestampedStore(
          storeName,
          this.keySerde(options),
          options.valueSerde,
          storeFlags(options),
          name,
        );
      } else {
        this.ctx.topology.connectProcessorAndStateStores(name, storeName);
      }
      processorNames.push(name);
    });
    const mergeName = names.suffixOrElseGenerate(options.name, '-cogroup-merge', 'COGROUPKSTREAM-MERGE-');
    this.ctx.addProcessor(mergeName, passThroughSupplier(), ...processorNames);
    return new KTable<K, VOut>(this.ctx, mergeName, this.keySerde(options), options.valueSerde, state, {
      kind: 'store',
    });
  }

  private keySerde(options: Materialized<K, VOut>): Serde<K> | undefined {
    return options.keySerde ?? this.patterns[0]?.grouped.internals().keySerde;
  }
}
