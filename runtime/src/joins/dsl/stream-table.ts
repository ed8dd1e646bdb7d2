import type { GlobalKTable } from '../../dsl/global-ktable.js';
import type { KStreamInternals, KTableInternals } from '../../dsl/internals.js';
import type { KeyValueMapper, Named } from '../../dsl/options.js';
import type { AnySerde } from '../../topology/nodes.js';
import { asOfRecordTime } from '../../state/versioned/versioned-table.js';
import { streamTableJoinSupplier } from '../table-joins.js';
import type { Joined, LeftValueJoiner } from './options.js';

const JOIN_NAME = 'KSTREAM-JOIN-';
const LEFTJOIN_NAME = 'KSTREAM-LEFTJOIN-';

/**
 * Kafka's KStreamImpl#join(KTable) / #leftJoin(KTable): repartitions the stream if its key changed (so it is
 * co-partitioned with the table), then adds a KSTREAM-JOIN / KSTREAM-LEFTJOIN processor connected to the
 * table's store.
 */
export function joinStreamTable<K, V, VT, VR>(
  stream: KStreamInternals<K, V>,
  table: KTableInternals<K, VT>,
  joiner: LeftValueJoiner<K, V, VT, VR>,
  leftJoin: boolean,
  options: Joined<K, V> = {},
): KStreamInternals<K, VR> {
  const ctx = stream.context;
  if (table.context !== ctx)
    throw new Error('cannot join a stream and a table from different StreamsBuilders');
  const keySerde = options.keySerde ?? stream.keySerde;
  const parent = stream.repartitionRequired
    ? ctx.createRepartition(
        options.name ?? stream.nodeName,
        stream.nodeName,
        keySerde as AnySerde | undefined,
        (options.valueSerde ?? stream.valueSerde) as AnySerde | undefined,
      )
    : stream.nodeName;
  const name = ctx.names.orElseGenerate(options.name, leftJoin ? LEFTJOIN_NAME : JOIN_NAME);
  // A versioned table answers as of each stream record's timestamp (KIP-914).
  const getter = asOfRecordTime(table.valueGetterSupplier());
  ctx.addProcessor(
    name,
    streamTableJoinSupplier<K, V, K, VT, VR>({
      valueGetter: getter,
      keyMapper: (key) => key,
      joiner: (key, value, tableValue) => joiner(value, tableValue, key),
      leftJoin,
    }),
    parent,
  );
  if (getter.storeNames.length > 0) ctx.topology.connectProcessorAndStateStores(name, ...getter.storeNames);
  return {
    context: ctx,
    nodeName: name,
    keySerde,
    valueSerde: undefined,
    repartitionRequired: false,
  };
}

/**
 * Kafka's KStreamImpl#join(GlobalKTable, keySelector, joiner): looks each record up in the global table under
 * `keySelector(key, value)`. No repartition: every task holds the whole table.
 */
export function joinStreamGlobalTable<K, V, GK, GV, VR>(
  stream: KStreamInternals<K, V>,
  table: GlobalKTable<GK, GV>,
  keySelector: KeyValueMapper<K, V, GK>,
  joiner: LeftValueJoiner<K, V, GV, VR>,
  leftJoin: boolean,
  options: Named = {},
): KStreamInternals<K, VR> {
  const ctx = stream.context;
  const getter = table.valueGetterSupplier();
  const name = ctx.names.orElseGenerate(options.name, leftJoin ? LEFTJOIN_NAME : JOIN_NAME);
  ctx.addProcessor(
    name,
    streamTableJoinSupplier<K, V, GK, GV, VR>({
      valueGetter: getter,
      keyMapper: keySelector,
      joiner: (key, value, tableValue) => joiner(value, tableValue, key),
      leftJoin,
    }),
    stream.nodeName,
  );
  return {
    context: ctx,
    nodeName: name,
    keySerde: stream.keySerde,
    valueSerde: undefined,
    repartitionRequired: stream.repartitionRequired,
  };
}
