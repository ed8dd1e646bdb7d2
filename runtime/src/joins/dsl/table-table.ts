import type { BuiltTable, KTableInternals, KTableValueGetterSupplier } from '../../dsl/internals.js';
import { storeFlags, type Materialized } from '../../dsl/options.js';
import type { TableState } from '../../dsl/table-processors.js';
import { tableJoinMergerSupplier, tableJoinSideSupplier } from '../table-joins.js';
import type { JoinType, OuterValueJoiner } from './options.js';

const JOINTHIS_NAME = 'KTABLE-JOINTHIS-';
const JOINOTHER_NAME = 'KTABLE-JOINOTHER-';
const MERGE_NAME = 'KTABLE-MERGE-';

/**
 * Kafka's KTableImpl#doJoin: KTABLE-JOINTHIS on the left table and KTABLE-JOINOTHER on the right, each reading
 * the other side's store, merged by KTABLE-MERGE (which owns the result store when one is named).
 */
export function joinTables<K, V, VO, VR>(
  left: KTableInternals<K, V>,
  right: KTableInternals<K, VO>,
  joiner: OuterValueJoiner<K, V, VO, VR>,
  type: JoinType,
  options: Materialized<K, VR> = {},
): BuiltTable<K, VR> {
  const ctx = left.context;
  if (right.context !== ctx) throw new Error('cannot join tables from different StreamsBuilders');
  const names = ctx.names;
  // Kafka draws the result store's name (when one is materialized without a name) before the processors'.
  const storeName = options.storeName ?? null;
  const mergeName = names.orElseGenerate(options.name, MERGE_NAME);
  // As KTableImpl#doJoin: only an outer side needs its parent's old values at build time (to retract a result
  // its other side cannot). Inner sides get them only when a downstream asks for the join's old values.
  if (type !== 'inner') left.enableSendingOldValues();
  if (type === 'outer') right.enableSendingOldValues();
  const thisName = names.suffixOrElseGenerate(options.name, '-join-this', JOINTHIS_NAME);
  const otherName = names.suffixOrElseGenerate(options.name, '-join-other', JOINOTHER_NAME);
  const leftGetter = left.valueGetterSupplier();
  const rightGetter = right.valueGetterSupplier();
  const state: TableState = { storeName, sendOldValues: false };

  ctx.addProcessor(
    thisName,
    tableJoinSideSupplier<K, V, VO, VR>({
      kind: type,
      otherGetter: rightGetter,
      joiner: (key, l, r) => joiner(l, r, key),
      state,
      versioned: left.versioned,
    }),
    left.nodeName,
  );
  ctx.addProcessor(
    otherName,
    tableJoinSideSupplier<K, VO, V, VR>({
      kind: type === 'left' ? 'right' : type,
      otherGetter: leftGetter,
      joiner: (key, r, l) => joiner(l, r, key),
      state,
      versioned: right.versioned,
    }),
    right.nodeName,
  );
  ctx.addProcessor(mergeName, tableJoinMergerSupplier<K, VR>(state), thisName, otherName);
  if (rightGetter.storeNames.length > 0)
    ctx.topology.connectProcessorAndStateStores(thisName, ...rightGetter.storeNames);
  if (leftGetter.storeNames.length > 0)
    ctx.topology.connectProcessorAndStateStores(otherName, ...leftGetter.storeNames);
  // Kafka's KTableKTableJoinMerger#enableSendingOldValues: a downstream that needs the join's old values needs
  // both parents' too, since each side computes its old result from its own parent's old value.
  const enableUpstreamOldValues = (): void => {
    left.enableSendingOldValues();
    right.enableSendingOldValues();
  };
  const keySerde = options.keySerde ?? left.keySerde;
  if (storeName !== null) {
    ctx.addTimestampedStore(storeName, keySerde, options.valueSerde, storeFlags(options), mergeName);
  }
  if (storeName !== null) {
    const origin = { kind: 'store', enableUpstreamOldValues } as const;
    return { context: ctx, nodeName: mergeName, keySerde, valueSerde: options.valueSerde, state, origin };
  }
  const supplier = (): KTableValueGetterSupplier<unknown, unknown> =>
    joinedValueGetter(leftGetter, rightGetter, joiner, type) as KTableValueGetterSupplier<unknown, unknown>;
  const origin = { kind: 'getter', supplier, enableUpstreamOldValues } as const;
  return { context: ctx, nodeName: mergeName, keySerde, valueSerde: options.valueSerde, state, origin };
}

/**
 * Kafka's KTableKTable{Inner,Left,Outer}JoinValueGetter: an unmaterialized join result is computed on lookup
 * from both sides' getters, stamped with the later of their timestamps.
 */
function joinedValueGetter<K, V, VO, VR>(
  left: KTableValueGetterSupplier<K, V>,
  right: KTableValueGetterSupplier<K, VO>,
  joiner: OuterValueJoiner<K, V, VO, VR>,
  type: JoinType,
): KTableValueGetterSupplier<K, VR> {
  return {
    storeNames: [...left.storeNames, ...right.storeNames],
    get: () => {
      const l = left.get();
      const r = right.get();
      return {
        init: (context) => {
          l.init(context);
          r.init(context);
        },
        get: (key) => {
          const lv = l.get(key);
          if (lv === null && type !== 'outer') return null;
          const rv = r.get(key);
          if (rv === null && (type === 'inner' || lv === null)) return null;
          const timestamp = Math.max(
            lv?.timestamp ?? Number.NEGATIVE_INFINITY,
            rv?.timestamp ?? Number.NEGATIVE_INFINITY,
          );
          return { value: joiner(lv?.value ?? null, rv?.value ?? null, key), timestamp };
        },
      };
    },
  };
}
