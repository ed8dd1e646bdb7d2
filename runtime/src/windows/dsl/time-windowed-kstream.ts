import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import type { KTable } from '../../dsl/ktable.js';
import type { Aggregator, Initializer, Materialized, Reducer } from '../../dsl/options.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde, Serdes } from '../../serdes/serdes.js';
import { windowAggregateSupplier, type WindowAggregateOptions } from '../processors/window-aggregate.js';
import type { TimeWindows } from '../time-windows.js';
import type { Windowed } from '../window.js';
import { TimestampedWindowStore } from '../timestamped-window-store.js';
import { timeWindowedSerde } from '../windowed-serdes.js';
import {
  addWindowedAggregation,
  aggregationNames,
  AGGREGATE_NAME,
  REDUCE_NAME,
} from './windowed-aggregation.js';

/** A grouped stream windowed by tumbling or hopping TimeWindows (Kafka's TimeWindowedKStream). */
export class TimeWindowedKStream<K, V> {
  constructor(
    private readonly grouped: KGroupedStreamInternals<K, V>,
    private readonly windows: TimeWindows,
  ) {}

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
    fns: Pick<WindowAggregateOptions<K, V, A>, 'initializer' | 'aggregator'>,
  ): KTable<Windowed<K>, A> {
    const { windows, grouped } = this;
    const { storeName, name } = aggregationNames(grouped.context, prefix, options);
    const retentionMs = windows.size() + windows.gracePeriodMs();
    const keySerde = options.keySerde ?? grouped.keySerde;
    return addWindowedAggregation<K, V, A>({
      grouped,
      name,
      storeName,
      logging: options.logging ?? true,
      graceMs: windows.gracePeriodMs(),
      store: (storeKeySerde) =>
        new TimestampedWindowStore(storeName, keySerde ?? storeKeySerde, valueSerde ?? defaultSerde<A>(), {
          retentionMs,
          windowSizeMs: windows.size(),
        }),
      supplier: (state) =>
        windowAggregateSupplier<K, V, A>({
          storeName,
          windows,
          ...fns,
          sendOldValues: () => state.sendOldValues,
        }),
      lookup: (store, key) => (store as TimestampedWindowStore<K, A>).fetch(key.key, key.window.start),
      resultKeySerde: keySerde === undefined ? undefined : timeWindowedSerde(keySerde, windows.size()),
      resultValueSerde: valueSerde,
    });
  }
}
