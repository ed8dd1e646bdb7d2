import type { Serde } from '../serdes/serde.js';
import { Serdes } from '../serdes/serdes.js';
import type { AnySerde } from '../topology/nodes.js';
import { CogroupedKStream } from './cogrouped-kstream.js';
import type { DslContext } from './dsl-context.js';
import { KTable } from './ktable.js';
import {
  hasMaterialized,
  storeFlags,
  type Aggregator,
  type Initializer,
  type Materialized,
  type Reducer,
} from './options.js';
import {
  streamAggregate,
  streamAggregateSupplier,
  streamReduce,
  type TableState,
} from './table-processors.js';

/** What windowed aggregations need from a grouped stream. */
export interface KGroupedStreamInternals<K, V> {
  readonly context: DslContext;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly repartitionRequired: boolean;
  /**
   * The node an aggregation should attach to: this stream's node, or — if a repartition is required — the
   * source of a new `<repartitionName ?? storeName>-repartition` topic (created once per user-given name).
   */
  repartitionIfRequired(storeName: string): string;
}

/**
 * The windowed types `windowedBy` returns are defined by the window operators, which register them by
 * augmenting this interface (kind name → type), e.g. `time: TimeWindowedKStream<K, V>`.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type -- filled by module augmentation, which uses K and V
export interface WindowedStreams<K, V> {}

/** A window specification that knows how to build its windowed stream (TimeWindows, SessionWindows, ...). */
export interface WindowSpec<Kind extends string = string> {
  readonly windowedKind: Kind;
  windowedBy<K, V>(grouped: KGroupedStreamInternals<K, V>): unknown;
}

/** A stream grouped by key, ready to aggregate (Kafka's KGroupedStream). */
export class KGroupedStream<K, V> {
  private repartitionSource: string | null = null;

  constructor(
    private readonly ctx: DslContext,
    private readonly nodeName: string,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
    private readonly repartitionRequired: boolean,
    private readonly repartitionName: string | undefined,
  ) {}

  internals(): KGroupedStreamInternals<K, V> {
    return {
      context: this.ctx,
      nodeName: this.nodeName,
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
      repartitionRequired: this.repartitionRequired,
      repartitionIfRequired: (storeName) => this.repartitionIfRequired(storeName),
    };
  }

  count(options: Materialized<K, number> = {}): KTable<K, number> {
    // Kafka burns a store name when given a Materialized without a store name (compatibility with old versions).
    if (hasMaterialized(options) && options.storeName === undefined)
      this.ctx.names.newStoreName('KSTREAM-AGGREGATE-');
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KSTREAM-AGGREGATE-');
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-AGGREGATE-');
    const { first, next } = streamAggregate<K, V, number>(
      () => 0,
      (_k, _v, count) => count + 1,
    );
    return this.build(name, storeName, options, options.valueSerde ?? Serdes.long(), first, next);
  }

  reduce(reducer: Reducer<V>, options: Materialized<K, V> = {}): KTable<K, V> {
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KSTREAM-REDUCE-');
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-REDUCE-');
    const { first, next } = streamReduce<K, V>(reducer);
    return this.build(name, storeName, options, options.valueSerde ?? this.valueSerde, first, next);
  }

  aggregate<A>(
    initializer: Initializer<A>,
    aggregator: Aggregator<K, V, A>,
    options: Materialized<K, A> = {},
  ): KTable<K, A> {
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KSTREAM-AGGREGATE-');
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-AGGREGATE-');
    const { first, next } = streamAggregate(initializer, aggregator);
    return this.build(name, storeName, options, options.valueSerde, first, next);
  }

  /** Starts a cogroup: more grouped streams can join with `cogroup(other, aggregator)` before `aggregate`. */
  cogroup<VOut>(aggregator: Aggregator<K, V, VOut>): CogroupedKStream<K, VOut> {
    return new CogroupedKStream<K, VOut>(this.ctx).cogroup(this, aggregator);
  }

  /** Windows the grouped stream; the result type is the window kind's windowed stream. */
  windowedBy<W extends WindowSpec<Extract<keyof WindowedStreams<K, V>, string>>>(
    windows: W,
  ): WindowedStreams<K, V>[W['windowedKind']] {
    return windows.windowedBy(this.internals()) as WindowedStreams<K, V>[W['windowedKind']];
  }

  private repartitionIfRequired(storeName: string): string {
    if (!this.repartitionRequired) return this.nodeName;
    // A user-named repartition topic is shared by every aggregation of this grouped stream; generated ones are not.
    if (this.repartitionSource !== null && this.repartitionName !== undefined) return this.repartitionSource;
    this.repartitionSource = this.ctx.createRepartition(
      this.repartitionName ?? storeName,
      this.nodeName,
      this.keySerde as AnySerde | undefined,
      this.valueSerde as AnySerde | undefined,
    );
    return this.repartitionSource;
  }

  private build<A>(
    name: string,
    storeName: string,
    options: Materialized<K, A>,
    valueSerde: Serde<A> | undefined,
    first: (key: K, value: V) => A,
    next: (key: K, value: V, aggregate: A) => A,
  ): KTable<K, A> {
    const parent = this.repartitionIfRequired(storeName);
    const keySerde = options.keySerde ?? this.keySerde;
    const state: TableState & { storeName: string } = { storeName, sendOldValues: false };
    this.ctx.addProcessor(name, streamAggregateSupplier<K, V, A>(state, first, next), parent);
    this.ctx.addTimestampedStore(storeName, keySerde, valueSerde, storeFlags(options), name);
    return new KTable<K, A>(this.ctx, name, keySerde, valueSerde, state, { kind: 'store' });
  }
}
