import type { Change } from '../../dsl/change.js';
import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import type { KTable } from '../../dsl/ktable.js';
import type { Aggregator, Initializer, Materialized, Reducer } from '../../dsl/options.js';
import type { TableState } from '../../dsl/table-processors.js';
import type { ProcessorSupplier } from '../../processor/api.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde, Serdes } from '../../serdes/serdes.js';
import type { Windowed } from '../window.js';
import { EmitStrategy } from '../emit-strategy.js';
import { TimestampedWindowStore } from '../timestamped-window-store.js';
import { timeWindowedSerde } from '../windowed-serdes.js';
import {
  addWindowedAggregation,
  aggregationNames,
  AGGREGATE_NAME,
  REDUCE_NAME,
} from './windowed-aggregation.js';

export interface AggregationFunctions<K, V, A> {
  readonly initializer: () => A;
  readonly aggregator: (key: K, value: V, aggregate: A) => A;
}

/**
 * count / reduce / aggregate over fixed-size windows kept in a TimestampedWindowStore: what time windows and
 * sliding windows share. Subclasses say how large a window is, how long the store keeps it, and which
 * processor assigns records to windows.
 */
export abstract class WindowStoreAggregations<K, V> {
  /** Read when an aggregation is built, as Kafka's TimeWindowedKStreamImpl does. */
  protected emit: EmitStrategy = EmitStrategy.onWindowUpdate();

  constructor(protected readonly grouped: KGroupedStreamInternals<K, V>) {}

  /** Kafka's TimeWindowedKStream#emitStrategy (KIP-825): when the aggregations built after this call emit. */
  emitStrategy(strategy: EmitStrategy): this {
    this.emit = strategy;
    return this;
  }

  protected abstract windowSizeMs(): number;
  protected abstract retentionMs(): number;
  protected abstract graceMs(): number;
  protected abstract processor<A>(
    storeName: string,
    fns: AggregationFunctions<K, V, A>,
    state: TableState,
  ): ProcessorSupplier<K, V, Windowed<K>, Change<A>>;

  count(options: Materialized<K, number> = {}): KTable<Windowed<K>, number> {
    return this.build(AGGREGATE_NAME, options, options.valueSerde ?? Serdes.long(), {
      initializer: () => 0,
      aggregator: (_k, _v, count) => count + 1,
    });
  }

  reduce(reducer: Reducer<V>, options: Materialized<K, V> = {}): KTable<Windowed<K>, V> {
    // Kafka reduces with a null initial aggregate: the first value becomes the aggregate as is.
    return this.build<V | null>(REDUCE_NAME, options, options.valueSerde ?? this.grouped.valueSerde, {
      initializer: () => null,
      aggregator: (_k, value, agg) => (agg === null ? value : reducer(agg, value)),
    }) as KTable<Windowed<K>, V>;
  }

  aggregate<A>(
    initializer: Initializer<A>,
    aggregator: Aggregator<K, V, A>,
    options: Materialized<K, A> = {},
  ): KTable<Windowed<K>, A> {
    return this.build(AGGREGATE_NAME, options, options.valueSerde, { initializer, aggregator });
  }

  private build<A>(
    prefix: string,
    options: Materialized<K, unknown>,
    valueSerde: Serde<A> | undefined,
    fns: AggregationFunctions<K, V, A>,
  ): KTable<Windowed<K>, A> {
    const grouped = this.grouped;
    const { storeName, name } = aggregationNames(grouped.context, prefix, options);
    const windowSizeMs = this.windowSizeMs();
    // ON_WINDOW_CLOSE reads closed windows back from the store. Kafka's time-ordered store for it
    // (RocksDbIndexedTimeOrderedWindowBytesStoreSupplier, time-first key schema) still serves the window that
    // starts exactly `retention` before stream time, one the key-first stores have dropped: keep it a ms longer.
    const retentionMs = this.retentionMs() + (this.emit.emitsOnWindowClose ? 1 : 0);
    const keySerde = options.keySerde ?? grouped.keySerde;
    return addWindowedAggregation<K, V, A>({
      grouped,
      name,
      storeName,
      logging: options.logging ?? true,
      // As Kafka's WindowStoreMaterializer: ON_WINDOW_CLOSE reads its final results from the store itself.
      caching: (options.cachingEnabled ?? true) && !this.emit.emitsOnWindowClose,
      graceMs: this.graceMs(),
      store: (storeKeySerde) =>
        new TimestampedWindowStore(storeName, keySerde ?? storeKeySerde, valueSerde ?? defaultSerde<A>(), {
          retentionMs,
          windowSizeMs,
        }),
      supplier: (state) => this.processor(storeName, fns, state),
      lookup: (store, key) => (store as TimestampedWindowStore<K, A>).fetch(key.key, key.window.start),
      resultKeySerde: keySerde === undefined ? undefined : timeWindowedSerde(keySerde, windowSizeMs),
      resultValueSerde: valueSerde,
    });
  }
}
