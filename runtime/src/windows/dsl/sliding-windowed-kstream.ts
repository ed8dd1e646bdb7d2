import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import type { KTable } from '../../dsl/ktable.js';
import type { Aggregator, Initializer, Materialized, Reducer } from '../../dsl/options.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde, Serdes } from '../../serdes/serdes.js';
import {
  slidingWindowAggregateSupplier,
  type SlidingWindowAggregateOptions,
} from '../processors/sliding-window-aggregate.js';
import type { SlidingWindows } from '../sliding-windows.js';
import type { Windowed } from '../window.js';
import { TimestampedWindowStore } from '../timestamped-window-store.js';
import { timeWindowedSerde } from '../windowed-serdes.js';
import {
  addWindowedAggregation,
  aggregationNames,
  AGGREGATE_NAME,
  REDUCE_NAME,
} from './windowed-aggregation.js';

/** A grouped stream windowed by SlidingWindows (Kafka's SlidingWindowedKStream). */
export class SlidingWindowedKStream<K, V> {
  constructor(
    private readonly grouped: KGroupedStreamInternals<K, V>,
    private readonly windows: SlidingWindows,
  ) {}

  count(options: Materialized<K, number> = {}): KTable<Windowed<K>, number> {
    return this.build(AGGREGATE_NAME, options, options.valueSerde ?? Serdes.long(), {
      initializer: () => 0,
      aggregator: (_k, _v, count) => count + 1,
    });
  }

  reduce(reducer: Reducer<V>, options: Materialized<K, V> = {}): KTable<Windowed<K>, V> {
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
    fns: Pick<SlidingWindowAggregateOptions<K, V, A>, 'initializer' | 'aggregator'>,
  ): KTable<Windowed<K>, A> {
    const { windows, grouped } = this;
    const { storeName, name } = aggregationNames(grouped.context, prefix, options);
    const diff = windows.timeDifferenceMs;
    // Kafka keeps 2·d + grace: creating a right window can need the window of a record up to 2·d earlier.
    const retentionMs = 2 * diff + windows.gracePeriodMs();
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
          windowSizeMs: diff,
        }),
      supplier: (state) =>
        slidingWindowAggregateSupplier<K, V, A>({
          storeName,
          windows,
          ...fns,
          sendOldValues: () => state.sendOldValues,
        }),
      lookup: (store, key) => (store as TimestampedWindowStore<K, A>).fetch(key.key, key.window.start),
      resultKeySerde: keySerde === undefined ? undefined : timeWindowedSerde(keySerde, diff),
      resultValueSerde: valueSerde,
    });
  }
}
