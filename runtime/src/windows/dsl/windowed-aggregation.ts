import type { Change } from '../../dsl/change.js';
import type { DslContext } from '../../dsl/dsl-context.js';
import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import { KTable, type KTableValueGetterSupplier } from '../../dsl/ktable.js';
import type { Materialized } from '../../dsl/options.js';
import type { TableState } from '../../dsl/table-processors.js';
import type { ProcessorSupplier, StateStore } from '../../processor/api.js';
import type { ValueAndTimestamp } from '../../state/timestamped-key-value-store.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde } from '../../serdes/serdes.js';
import type { ManagedStateStore } from '../../state/store.js';
import { Stores } from '../../state/stores.js';
import type { Windowed } from '../window.js';
import { registerWindowedTable } from './windowed-tables.js';

export const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-';
export const REDUCE_NAME = 'KSTREAM-REDUCE-';

/** Names an aggregation the way Kafka does: the store name is drawn first, then the processor name. */
export function aggregationNames(
  ctx: DslContext,
  prefix: string,
  options: Materialized<unknown, unknown>,
): { storeName: string; name: string; queryable: boolean } {
  const storeName = options.storeName ?? ctx.names.newStoreName(prefix);
  const name = ctx.names.orElseGenerate(options.name, prefix);
  return { storeName, name, queryable: options.storeName !== undefined };
}

export interface WindowedAggregationPlan<K, V, A> {
  readonly grouped: KGroupedStreamInternals<K, V>;
  readonly name: string;
  readonly storeName: string;
  readonly logging: boolean;
  /** Put the record cache in front of the store (Materialized cachingEnabled; never with ON_WINDOW_CLOSE). */
  readonly caching: boolean;
  readonly graceMs: number;
  /** Builds the task's store instance. */
  readonly store: (keySerde: Serde<K>) => ManagedStateStore;
  readonly supplier: (state: TableState) => ProcessorSupplier<K, V, Windowed<K>, Change<A>>;
  /** Finds a window's aggregate in this aggregation's store (joins and other value getters use it). */
  readonly lookup: (store: StateStore, key: Windowed<K>) => ValueAndTimestamp<A> | null;
  readonly resultKeySerde: Serde<Windowed<K>> | undefined;
  readonly resultValueSerde: Serde<A> | undefined;
}

/**
 * Adds a windowed aggregation processor (behind a repartition if the key changed upstream) with its window or
 * session store, and returns the resulting table keyed by Windowed<K>.
 */
export function addWindowedAggregation<K, V, A>(
  plan: WindowedAggregationPlan<K, V, A>,
): KTable<Windowed<K>, A> {
  const { grouped, name, storeName } = plan;
  const ctx = grouped.context;
  const parent = grouped.repartitionIfRequired(storeName);
  const state: TableState = { storeName, sendOldValues: false };
  ctx.addProcessor(name, plan.supplier(state), parent);
  const keySerde = grouped.keySerde ?? defaultSerde<K>();
  const builder = Stores.storeBuilder(storeName, () => plan.store(keySerde), plan.logging);
  ctx.topology.addStateStore(plan.caching ? builder.withCachingEnabled() : builder, name);
  registerWindowedTable(state, plan.graceMs);
  const supplier = (): KTableValueGetterSupplier<unknown, unknown> =>
    storeValueGetter(storeName, plan.lookup) as KTableValueGetterSupplier<unknown, unknown>;
  return new KTable<Windowed<K>, A>(ctx, name, plan.resultKeySerde, plan.resultValueSerde, state, {
    kind: 'getter',
    supplier,
  });
}

/** Reads a windowed aggregate by Windowed key (Kafka's value getter over window and session stores). */
function storeValueGetter<K, A>(
  storeName: string,
  lookup: (store: StateStore, key: Windowed<K>) => ValueAndTimestamp<A> | null,
): KTableValueGetterSupplier<Windowed<K>, A> {
  return {
    storeNames: [storeName],
    get: () => {
      let store: StateStore | null = null;
      return {
        init: (context) => {
          store = context.getStateStore(storeName);
        },
        get: (key) => (store === null ? null : lookup(store, key)),
      };
    },
  };
}
