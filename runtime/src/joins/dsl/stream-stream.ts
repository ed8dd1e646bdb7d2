import type { KStreamInternals } from '../../dsl/internals.js';
import { passThroughSupplier } from '../../dsl/stream-processors.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde } from '../../serdes/serdes.js';
import { Stores } from '../../state/stores.js';
import type { AnySerde } from '../../topology/nodes.js';
import type { JoinWindows } from '../../windows/join-windows.js';
import { InMemoryWindowStore } from '../../windows/window-store.js';
import { OuterJoinStore } from '../outer-join-store.js';
import { joinSideSupplier, joinWindowSupplier, type KeyedJoiner } from '../stream-stream-join.js';
import { JoinTimeTrackers } from '../time-tracker.js';
import type { JoinType, OuterValueJoiner, StreamJoined } from './options.js';

const WINDOWED_NAME = 'KSTREAM-WINDOWED-';
const JOINTHIS_NAME = 'KSTREAM-JOINTHIS-';
const JOINOTHER_NAME = 'KSTREAM-JOINOTHER-';
const OUTERTHIS_NAME = 'KSTREAM-OUTERTHIS-';
const OUTEROTHER_NAME = 'KSTREAM-OUTEROTHER-';
const OUTERSHARED_NAME = 'KSTREAM-OUTERSHARED-';
const MERGE_NAME = 'KSTREAM-MERGE-';

/**
 * Kafka's KStreamImpl#doJoin + KStreamImplJoin#join: repartitions a side whose key changed, then wires
 * WINDOWED → JOINTHIS/JOINOTHER → MERGE with one window store per side (and the OUTERSHARED store of
 * left/outer joins), drawing generated names in Kafka's order so describe() matches.
 */
export function joinStreams<K, V, VO, VR>(
  left: KStreamInternals<K, V>,
  right: KStreamInternals<K, VO>,
  joiner: OuterValueJoiner<K, V, VO, VR>,
  windows: JoinWindows,
  type: JoinType,
  options: StreamJoined<K, V, VO> = {},
): KStreamInternals<K, VR> {
  const ctx = left.context;
  if (right.context !== ctx) throw new Error('cannot join streams from different StreamsBuilders');
  const leftOuter = type !== 'inner';
  const rightOuter = type === 'outer';
  const name = options.name;
  const keySerde = options.keySerde ?? left.keySerde ?? right.keySerde;

  const thisNode = left.repartitionRequired
    ? ctx.createRepartition(
        name !== undefined ? `${name}-left` : left.nodeName,
        left.nodeName,
        keySerde as AnySerde | undefined,
        (options.valueSerde ?? left.valueSerde) as AnySerde | undefined,
      )
    : left.nodeName;
  const otherNode = right.repartitionRequired
    ? ctx.createRepartition(
        name !== undefined ? `${name}-right` : right.nodeName,
        right.nodeName,
        keySerde as AnySerde | undefined,
        (options.otherValueSerde ?? right.valueSerde) as AnySerde | undefined,
      )
    : right.nodeName;

  const names = ctx.names;
  const thisSuffix = rightOuter ? '-outer-this-join' : '-this-join';
  const otherSuffix = leftOuter ? '-outer-other-join' : '-other-join';
  const thisWindowed = names.suffixOrElseGenerate(name, '-this-windowed', WINDOWED_NAME);
  const otherWindowed = names.suffixOrElseGenerate(name, '-other-windowed', WINDOWED_NAME);
  const joinThisGenerated = names.newProcessorName(rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME);
  const joinOtherGenerated = names.newProcessorName(leftOuter ? OUTEROTHER_NAME : JOINOTHER_NAME);
  const joinThisName = name !== undefined ? name + thisSuffix : joinThisGenerated;
  const joinOtherName = name !== undefined ? name + otherSuffix : joinOtherGenerated;
  const mergeName = names.suffixOrElseGenerate(name, '-merge', MERGE_NAME);

  const base = options.storeName;
  const thisStoreName = `${base === undefined ? joinThisGenerated : base + thisSuffix}-store`;
  const otherStoreName = `${base === undefined ? joinOtherGenerated : base + otherSuffix}-store`;
  const outerStoreName = !leftOuter
    ? null
    : base !== undefined
      ? `${base}${rightOuter ? '-outer-shared-join' : '-left-shared-join'}-store`
      : `${OUTERSHARED_NAME}${joinThisGenerated.slice((rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME).length)}-store`;

  const trackers = new JoinTimeTrackers();
  const keyed: KeyedJoiner<K, V, VO, VR> = (key, l, r) => joiner(l, r, key);
  ctx.addProcessor(thisWindowed, joinWindowSupplier<K, V>(thisStoreName), thisNode);
  ctx.addProcessor(otherWindowed, joinWindowSupplier<K, VO>(otherStoreName), otherNode);
  ctx.addProcessor(
    joinThisName,
    joinSideSupplier<K, V, VO, VR>({
      isLeftSide: true,
      otherStoreName,
      outerStoreName,
      windows,
      outer: leftOuter,
      joiner: keyed,
      timeTrackers: trackers,
    }),
    thisWindowed,
  );
  ctx.addProcessor(
    joinOtherName,
    joinSideSupplier<K, V, VO, VR>({
      isLeftSide: false,
      otherStoreName: thisStoreName,
      outerStoreName,
      windows,
      outer: rightOuter,
      joiner: keyed,
      timeTrackers: trackers,
    }),
    otherWindowed,
  );
  ctx.addProcessor(mergeName, passThroughSupplier(), joinThisName, joinOtherName);

  const logging = options.logging ?? true;
  const storeKeySerde: Serde<K> = keySerde ?? defaultSerde<K>();
  const thisValueSerde: Serde<V> = options.valueSerde ?? left.valueSerde ?? defaultSerde<V>();
  const otherValueSerde: Serde<VO> = options.otherValueSerde ?? right.valueSerde ?? defaultSerde<VO>();
  // Every record is its own "window": the stores exist for retention (window size + grace) and duplicates.
  const storeOptions = {
    retentionMs: windows.size() + windows.gracePeriodMs(),
    windowSizeMs: windows.size(),
    retainDuplicates: true,
  };
  ctx.topology.addStateStore(
    Stores.storeBuilder(
      thisStoreName,
      () => new InMemoryWindowStore(thisStoreName, storeKeySerde, thisValueSerde, storeOptions),
      logging,
    ),
    thisWindowed,
    joinOtherName,
  );
  ctx.topology.addStateStore(
    Stores.storeBuilder(
      otherStoreName,
      () => new InMemoryWindowStore(otherStoreName, storeKeySerde, otherValueSerde, storeOptions),
      logging,
    ),
    otherWindowed,
    joinThisName,
  );
  if (outerStoreName !== null) {
    ctx.topology.addStateStore(
      Stores.storeBuilder(
        outerStoreName,
        () => new OuterJoinStore(outerStoreName, storeKeySerde, thisValueSerde, otherValueSerde),
        logging,
      ),
      joinThisName,
      joinOtherName,
    );
  }
  // Kafka keeps only a user-given key serde (falling back to the configured default); we fall back to the
  // sides' serde instead, since the default here is JSON and string keys would come out quoted.
  return {
    context: ctx,
    nodeName: mergeName,
    keySerde,
    valueSerde: undefined,
    repartitionRequired: false,
  };
}
