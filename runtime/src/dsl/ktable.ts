import { internalContext } from '../engine/internal-context.js';
import type { Serde } from '../serdes/serde.js';
import { TopologyError } from '../topology/internal-topology-builder.js';
import type { KeyValue } from '../state/key-value-store.js';
import type { TimestampedKeyValueStore, ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import { joinOnForeignKey, type ForeignKeyJoinOptions } from '../joins/foreign-key/fk-join.js';
import type { ForeignKeyExtractor } from '../joins/foreign-key/subscription-processors.js';
import type { LeftValueJoiner, OuterValueJoiner, ValueJoiner } from '../joins/dsl/options.js';
import {
  versionedStoreBuilder,
  versionedStoreSupplier,
  type VersionedOptions,
} from '../state/versioned/versioned-stores.js';
import { versionedValueGetterSupplier } from '../state/versioned/versioned-table.js';
import type { DslContext } from './dsl-context.js';
import type {
  GetterOrigin,
  KTableInternals,
  KTableValueGetter,
  KTableValueGetterSupplier,
  StoreOrigin,
} from './internals.js';
import { KGroupedTable } from './kgrouped-table.js';
import { joinTable } from './join-dispatch.js';
import { KStream } from './kstream.js';
import {
  hasMaterialized,
  storeFlags,
  type StoreFlags,
  type Grouped,
  type KeyValueMapper,
  type Materialized,
  type Named,
  type Predicate,
  type ValueMapper,
} from './options.js';
import {
  tableFilterSupplier,
  tableMapValuesSupplier,
  tableRepartitionMapSupplier,
  tableToStreamSupplier,
  type TableState,
} from './table-processors.js';

/** Where a table's values live: its own store (sources may add theirs lazily) or its parent plus a mapping. */
export type TableOrigin =
  | {
      readonly kind: 'source';
      readonly storeName: string;
      readonly flags: StoreFlags;
      /** A versioned store (KIP-889) instead of a timestamped one. */
      readonly versioned?: VersionedOptions;
    }
  | StoreOrigin
  | {
      readonly kind: 'derived';
      readonly parent: KTable<unknown, unknown>;
      readonly compute: (key: unknown, value: unknown) => unknown;
    }
  | GetterOrigin;

export type { KTableInternals, KTableValueGetter, KTableValueGetterSupplier } from './internals.js';

/** A changelog stream viewed as a table (Kafka's KTable). Tombstones (null values) delete. */
export class KTable<K, V> {
  private sourceMaterialized = false;

  constructor(
    private readonly ctx: DslContext,
    private readonly nodeName: string,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
    private readonly state: TableState,
    private readonly origin: TableOrigin,
  ) {}

  internals(): KTableInternals<K, V> {
    return {
      context: this.ctx,
      nodeName: this.nodeName,
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
      state: this.state,
      versioned: this.isVersioned(),
      enableSendingOldValues: () => this.enableSendingOldValues(),
      valueGetterSupplier: () => this.valueGetterSupplier(),
    };
  }

  /** The queryable store name, if this table is materialized. */
  get queryableStoreName(): string | null {
    return this.state.storeName;
  }

  filter(predicate: Predicate<K, V>, options: Materialized<K, V> = {}): KTable<K, V> {
    return this.filterInternal(predicate, false, options);
  }

  filterNot(predicate: Predicate<K, V>, options: Materialized<K, V> = {}): KTable<K, V> {
    return this.filterInternal(predicate, true, options);
  }

  mapValues<VR>(mapper: ValueMapper<V, K, VR>, options: Materialized<K, VR> = {}): KTable<K, VR> {
    // An unnamed Materialized still draws a (now unused) store name, as in Kafka.
    if (hasMaterialized(options) && options.storeName === undefined)
      this.ctx.names.newStoreName('KTABLE-MAPVALUES-');
    const name = this.ctx.names.orElseGenerate(options.name, 'KTABLE-MAPVALUES-');
    const state: TableState = { storeName: options.storeName ?? null, sendOldValues: false };
    this.ctx.addProcessor(name, tableMapValuesSupplier<K, V, VR>(state, mapper), this.nodeName);
    const keySerde = options.keySerde ?? this.keySerde;
    if (options.storeName !== undefined) {
      this.ctx.addTimestampedStore(
        options.storeName,
        keySerde,
        options.valueSerde,
        storeFlags(options),
        name,
      );
    }
    return new KTable<K, VR>(
      this.ctx,
      name,
      keySerde,
      options.valueSerde,
      state,
      this.derivedOrigin(options, (k, v) => mapper(v as V, k as K)),
    );
  }

  toStream(options: Named = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KTABLE-TOSTREAM-');
    this.ctx.addProcessor(name, tableToStreamSupplier<K, V>(), this.nodeName);
    return new KStream<K, V>(this.ctx, name, this.keySerde, this.valueSerde, false);
  }

  // Table–table joins are built in runtime/src/joins/ (owned by the window/join operators).
  join<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<K, V, VO, VR>,
    options?: Materialized<K, VR>,
  ): KTable<K, VR>;
  /** Foreign-key join (KIP-213): each left row joins the right row whose key `foreignKeyExtractor` picks. */
  join<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: ForeignKeyExtractor<K, V, KO>,
    joiner: ValueJoiner<K, V, VO, VR>,
    options?: ForeignKeyJoinOptions<K, KO, VR>,
  ): KTable<K, VR>;
  join<VR>(other: unknown, a: unknown, b?: unknown, c?: unknown): KTable<K, VR> {
    if (typeof b === 'function') return this.foreignKeyJoin<VR>(other, a, b, c, false);
    return joinTable(this as KTable<unknown, unknown>, other, a, b, 'inner') as KTable<K, VR>;
  }

  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: LeftValueJoiner<K, V, VO, VR>,
    options?: Materialized<K, VR>,
  ): KTable<K, VR>;
  /** Foreign-key left join (KIP-213): `right` is null when the foreign key is null or matches nothing. */
  leftJoin<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: ForeignKeyExtractor<K, V, KO>,
    joiner: LeftValueJoiner<K, V, VO, VR>,
    options?: ForeignKeyJoinOptions<K, KO, VR>,
  ): KTable<K, VR>;
  leftJoin<VR>(other: unknown, a: unknown, b?: unknown, c?: unknown): KTable<K, VR> {
    if (typeof b === 'function') return this.foreignKeyJoin<VR>(other, a, b, c, true);
    return joinTable(this as KTable<unknown, unknown>, other, a, b, 'left') as KTable<K, VR>;
  }

  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: OuterValueJoiner<K, V, VO, VR>,
    options: Materialized<K, VR> = {},
  ): KTable<K, VR> {
    return joinTable(this as KTable<unknown, unknown>, other, joiner, options, 'outer') as KTable<K, VR>;
  }

  /** Re-groups the table; aggregations of the result subtract old values and add new ones. */
  groupBy<KR, VR>(
    selector: KeyValueMapper<K, V, KeyValue<KR, VR>>,
    options: Grouped<KR, VR> = {},
  ): KGroupedTable<KR, VR> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KTABLE-SELECT-');
    this.ctx.addProcessor(
      name,
      tableRepartitionMapSupplier<K, V, KR, VR>(selector, this.isVersioned()),
      this.nodeName,
    );
    this.enableSendingOldValues();
    return new KGroupedTable<KR, VR>(this.ctx, name, options.keySerde, options.valueSerde, options.name);
  }

  /** Applies a suppression (Suppressed.untilWindowCloses(), ...) implemented by the window operators. */
  suppress(suppressed: { applyTo<K2, V2>(table: KTableInternals<K2, V2>): KTable<K2, V2> }): KTable<K, V> {
    // Kafka checks this at build time for inherited versioning; here it is known as soon as the table exists.
    if (this.isVersioned())
      throw new TopologyError(
        'suppress() is only supported for non-versioned KTables (note that version semantics might be inherited from upstream)',
      );
    return suppressed.applyTo(this.internals());
  }

  /** Attaches the source table's store (Kafka materializes source tables only when something needs it). */
  materializeSource(): void {
    if (this.origin.kind !== 'source' || this.sourceMaterialized) return;
    this.sourceMaterialized = true;
    this.state.storeName = this.origin.storeName;
    const versioned = this.origin.versioned;
    if (versioned !== undefined) {
      const builder = versionedStoreBuilder(
        versionedStoreSupplier(this.origin.storeName, versioned.historyRetentionMs),
        this.keySerde,
        this.valueSerde,
      );
      this.ctx.topology.addStateStore(
        this.origin.flags.logging ? builder : builder.withLoggingDisabled(),
        this.nodeName,
      );
      return;
    }
    this.ctx.addTimestampedStore(
      this.origin.storeName,
      this.keySerde,
      this.valueSerde,
      this.origin.flags,
      this.nodeName,
    );
  }

  private enableSendingOldValues(): void {
    if (this.state.sendOldValues) return;
    if (this.origin.kind === 'source') this.materializeSource();
    else if (this.origin.kind === 'store' || this.origin.kind === 'getter')
      this.origin.enableUpstreamOldValues?.();
    else if (this.origin.kind === 'derived' && this.state.storeName === null) {
      this.origin.parent.enableSendingOldValues();
    }
    this.state.sendOldValues = true;
  }

  /** Kafka's isVersionedOrVersionedUpstream: a versioned source, or stateless operators over one. */
  private isVersioned(): boolean {
    if (this.origin.kind === 'source') return this.origin.versioned !== undefined;
    if (this.origin.kind === 'derived')
      return this.state.storeName === null && this.origin.parent.isVersioned();
    return false;
  }

  private valueGetterSupplier(): KTableValueGetterSupplier<K, V> {
    // Operator-defined getters (window stores, joins) know their own stores, so they take precedence.
    if (this.origin.kind === 'getter') return this.origin.supplier() as KTableValueGetterSupplier<K, V>;
    if (this.origin.kind === 'source') this.materializeSource();
    if (this.origin.kind === 'source' && this.origin.versioned !== undefined)
      return versionedValueGetterSupplier<K, V>(this.origin.storeName);
    const storeName = this.state.storeName;
    if (storeName !== null) {
      return {
        storeNames: [storeName],
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
    if (this.origin.kind !== 'derived') throw new Error(`table "${this.nodeName}" has no store to read from`);
    const parent = this.origin.parent.valueGetterSupplier();
    const compute = this.origin.compute;
    return {
      storeNames: parent.storeNames,
      get: () => {
        const inner = parent.get();
        const derive = (
          key: unknown,
          found: ValueAndTimestamp<unknown> | null,
        ): ValueAndTimestamp<V> | null => {
          if (found === null) return null;
          const value = compute(key, found.value) as V | null;
          return value === null ? null : { value, timestamp: found.timestamp };
        };
        const getter: KTableValueGetter<K, V> = {
          init: (context) => inner.init(context),
          get: (key) => derive(key, inner.get(key)),
        };
        const getAsOf = inner.getAsOf?.bind(inner);
        if (getAsOf !== undefined) getter.getAsOf = (key, asOf) => derive(key, getAsOf(key, asOf));
        return getter;
      },
    };
  }

  // The overloads typed the arguments; here they arrive erased and are checked at run time.
  private foreignKeyJoin<VR>(
    other: unknown,
    extractor: unknown,
    joiner: unknown,
    options: unknown,
    leftJoin: boolean,
  ): KTable<K, VR> {
    if (!(other instanceof KTable)) throw new TypeError('KTable joins take another KTable');
    if (options !== undefined && (typeof options !== 'object' || options === null))
      throw new TypeError('join options must be an object');
    const built = joinOnForeignKey(
      this.internals(),
      other.internals(),
      extractor as ForeignKeyExtractor<K, V, unknown>,
      joiner as (left: V, right: unknown, key: K) => VR,
      (options ?? {}) as ForeignKeyJoinOptions<K, unknown, VR>,
      leftJoin,
    );
    const { nodeName, keySerde, valueSerde, state, origin } = built;
    const table = new KTable<K, VR>(this.ctx, nodeName, keySerde, valueSerde, state, origin);
    if (built.materialize) table.materializeSource();
    return table;
  }

  private filterInternal(
    predicate: Predicate<K, V>,
    negate: boolean,
    options: Materialized<K, V>,
  ): KTable<K, V> {
    if (hasMaterialized(options) && options.storeName === undefined)
      this.ctx.names.newStoreName('KTABLE-FILTER-');
    const name = this.ctx.names.orElseGenerate(options.name, 'KTABLE-FILTER-');
    const state: TableState = { storeName: options.storeName ?? null, sendOldValues: false };
    this.ctx.addProcessor(
      name,
      tableFilterSupplier<K, V>(state, predicate, negate, this.isVersioned()),
      this.nodeName,
    );
    const keySerde = options.keySerde ?? this.keySerde;
    const valueSerde = options.valueSerde ?? this.valueSerde;
    if (options.storeName !== undefined) {
      this.ctx.addTimestampedStore(options.storeName, keySerde, valueSerde, storeFlags(options), name);
    }
    return new KTable<K, V>(
      this.ctx,
      name,
      keySerde,
      valueSerde,
      state,
      this.derivedOrigin(options, (k, v) => (predicate(k as K, v as V) !== negate ? v : null)),
    );
  }

  private derivedOrigin(
    options: Materialized<unknown, unknown>,
    compute: (key: unknown, value: unknown) => unknown,
  ): TableOrigin {
    if (options.storeName !== undefined) return { kind: 'store' };
    return { kind: 'derived', parent: this as KTable<unknown, unknown>, compute };
  }
}
