import type { KTableInternals } from '../../dsl/internals.js';
import { storeFlags, type Materialized, type StoreFlags } from '../../dsl/options.js';
import { tableSourceSupplier, type TableState } from '../../dsl/table-processors.js';
import type { Serde } from '../../serdes/serde.js';
import { defaultSerde, Serdes } from '../../serdes/serdes.js';
import { Stores } from '../../state/stores.js';
import { TimestampedKeyValueStore } from '../../state/timestamped-key-value-store.js';
import type { AnyProcessorSupplier, AnySerde, StreamPartitioner } from '../../topology/nodes.js';
import { CombinedKeySchema } from './combined-key.js';
import { PseudoTopics } from './pseudo-topics.js';
import { responseJoinSupplier } from './response-processors.js';
import {
  foreignTableJoinSupplier,
  subscriptionJoinSupplier,
  subscriptionReceiveSupplier,
  subscriptionSendSupplier,
  type ForeignKeyExtractor,
} from './subscription-processors.js';
import {
  responseWrapperSerde,
  subscriptionWrapperSerde,
  type SubscriptionResponseWrapper,
  type SubscriptionWrapper,
} from './wrappers.js';

// Kafka's KTableImpl#doJoinOnForeignKey (KIP-213): the left table sends subscriptions keyed by foreign key
// through `<app>-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-<n>-topic` to the right table's task, which keeps them
// in the subscription store and answers through `...-SUBSCRIPTION-RESPONSE-<n>-topic`, partitioned back to
// the left record's partition, where the response resolver joins and emits. Names are drawn in Kafka's order.

const SUBSCRIPTION_REGISTRATION = 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-';
const SUBSCRIPTION_RESPONSE = 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-';
const SUBSCRIPTION_PROCESSOR = 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-';
const RESPONSE_RESOLVER = 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-';
const SUBSCRIPTION_STORE = 'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-';
const OUTPUT = 'KTABLE-FK-JOIN-OUTPUT-';
const SINK = 'KTABLE-SINK-';
const SOURCE = 'KTABLE-SOURCE-';
const TOPIC_SUFFIX = '-topic';

/**
 * Kafka's TableJoined plus Materialized: `name` is the base of every node, topic and store name of the join
 * (`<name>-subscription-registration-topic`, ...); the Materialized fields describe the result table.
 */
export interface ForeignKeyJoinOptions<K, KO, VR> extends Materialized<K, VR> {
  /** Partitions the response topic (like the left table's topic was partitioned); the value passed is null. */
  readonly partitioner?: StreamPartitioner<K, null>;
  /** Partitions the subscription topic (like the right table's topic was partitioned); the value passed is null. */
  readonly otherPartitioner?: StreamPartitioner<KO, null>;
}

/**
 * What the join built: the result table's source node and store (KTable wraps it, so this module does not import
 * the class that imports it), and whether to materialize that store now (it was named).
 */
export interface ForeignKeyJoinResult<K, V> {
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly state: TableState;
  readonly origin: { readonly kind: 'source'; readonly storeName: string; readonly flags: StoreFlags };
  readonly materialize: boolean;
}

export function joinOnForeignKey<K, V, KO, VO, VR>(
  left: KTableInternals<K, V>,
  right: KTableInternals<KO, VO>,
  extractor: ForeignKeyExtractor<K, V, KO>,
  joiner: (left: V, right: VO | null, key: K) => VR,
  options: ForeignKeyJoinOptions<K, KO, VR>,
  leftJoin: boolean,
): ForeignKeyJoinResult<K, VR> {
  const ctx = left.context;
  if (right.context !== ctx) throw new Error('cannot join tables from different StreamsBuilders');
  if (typeof extractor !== 'function') throw new TypeError('the foreign-key extractor must be a function');
  if (typeof joiner !== 'function') throw new TypeError('the joiner must be a function');
  const names = ctx.names;
  const topology = ctx.topology;
  const name = options.name;
  const named = (suffix: string, prefix: string): string => names.suffixOrElseGenerate(name, suffix, prefix);

  // Right old values let Kafka skip no-op updates; left old values tell which foreign key to unsubscribe.
  right.enableSendingOldValues();
  left.enableSendingOldValues();

  const subscriptionTopic = named('-subscription-registration', SUBSCRIPTION_REGISTRATION) + TOPIC_SUFFIX;
  // Kafka's pseudo topics: the names serializers see for the parts of subscription records.
  const topics = new PseudoTopics(subscriptionTopic);
  const pkTopic = topics.primaryKey;
  const fkTopic = topics.foreignKey;
  const valueHashTopic = topics.valueHash;
  topology.addInternalTopic(subscriptionTopic);
  topology.copartitionWithReader(subscriptionTopic);

  const keySerde = left.keySerde ?? defaultSerde<K>();
  const valueSerde = left.valueSerde ?? defaultSerde<V>();
  const foreignKeySerde = right.keySerde ?? defaultSerde<KO>();
  const foreignValueSerde = right.valueSerde ?? defaultSerde<VO>();
  const subscriptionSerde = subscriptionWrapperSerde(keySerde, pkTopic);
  const schema = new CombinedKeySchema<KO, K>(foreignKeySerde, fkTopic, keySerde, pkTopic);

  const sendName = named('-subscription-registration-processor', SUBSCRIPTION_REGISTRATION);
  ctx.addProcessor(
    sendName,
    subscriptionSendSupplier<K, V, KO>({
      extractor,
      foreignKeySerde,
      foreignKeyTopic: fkTopic,
      valueSerde,
      valueHashTopic,
      topics,
      leftJoin,
      versioned: left.versioned,
    }),
    left.nodeName,
  );
  const otherPartitioner = options.otherPartitioner;
  const subscriptionSink = named('-subscription-registration-sink', SINK);
  topology.addSink(
    subscriptionSink,
    subscriptionTopic,
    {
      keySerde: foreignKeySerde as AnySerde,
      valueSerde: subscriptionSerde as AnySerde,
      partitioner:
        otherPartitioner === undefined
          ? undefined
          : (topic, key, _value, partitions) => otherPartitioner(topic, key as KO, null, partitions),
    },
    sendName,
  );
  const subscriptionSource = named('-subscription-registration-source', SOURCE);
  topology.addSource(subscriptionSource, [subscriptionTopic], {
    keySerde: foreignKeySerde as AnySerde,
    valueSerde: subscriptionSerde as AnySerde,
  });

  const storeName = named('-subscription-store', SUBSCRIPTION_STORE);
  const receiveName = named('-subscription-receive', SUBSCRIPTION_PROCESSOR);
  ctx.addProcessor(
    receiveName,
    subscriptionReceiveSupplier<K, KO>(storeName, schema, topics),
    subscriptionSource,
  );
  topology.addStateStore(
    Stores.storeBuilder(
      storeName,
      () =>
        new TimestampedKeyValueStore<Uint8Array, SubscriptionWrapper<K>>(
          storeName,
          Serdes.bytes(),
          subscriptionSerde,
        ),
    ),
    receiveName,
  );

  const rightValues = right.valueGetterSupplier();
  const joinForeignName = named('-subscription-join-foreign', SUBSCRIPTION_PROCESSOR);
  ctx.addProcessor(joinForeignName, subscriptionJoinSupplier<K, KO, VO>(rightValues), receiveName);
  if (rightValues.storeNames.length > 0)
    topology.connectProcessorAndStateStores(joinForeignName, ...rightValues.storeNames);

  const foreignJoinName = named('-foreign-join-subscription', SUBSCRIPTION_PROCESSOR);
  ctx.addProcessor(
    foreignJoinName,
    foreignTableJoinSupplier<K, KO, VO>(storeName, schema, right.versioned, topics),
    right.nodeName,
  );
  topology.connectProcessorAndStateStores(foreignJoinName, storeName);

  const responseTopic = named('-subscription-response', SUBSCRIPTION_RESPONSE) + TOPIC_SUFFIX;
  topology.addInternalTopic(responseTopic);
  topology.copartitionWithReader(responseTopic);
  const responseSerde = responseWrapperSerde(foreignValueSerde);
  const partitioner = options.partitioner;
  const responseSink = named('-subscription-response-sink', SINK);
  topology.addSink(
    responseSink,
    responseTopic,
    {
      keySerde: keySerde as AnySerde,
      valueSerde: responseSerde as AnySerde,
      // By default a response goes back to the partition its subscription came from.
      partitioner:
        partitioner === undefined
          ? (_topic, _key, value) => (value as SubscriptionResponseWrapper<VO>).primaryPartition ?? undefined
          : (topic, key, _value, partitions) => partitioner(topic, key as K, null, partitions),
    },
    joinForeignName,
    foreignJoinName,
  );
  const responseSource = named('-subscription-response-source', SOURCE);
  topology.addSource(responseSource, [responseTopic], {
    keySerde: keySerde as AnySerde,
    valueSerde: responseSerde as AnySerde,
  });

  const leftValues = left.valueGetterSupplier();
  const resolverName = named('-subscription-response-resolver', RESPONSE_RESOLVER);
  ctx.addProcessor(
    resolverName,
    responseJoinSupplier<K, V, VO, VR>({ leftValues, valueSerde, valueHashTopic, topics, joiner, leftJoin }),
    responseSource,
  );
  if (leftValues.storeNames.length > 0)
    topology.connectProcessorAndStateStores(resolverName, ...leftValues.storeNames);

  // The result is a KTableSource over the resolver's output: materialized when named, or later on demand.
  const resultName = named('-result', OUTPUT);
  const resultStore = options.storeName ?? names.newStoreName(OUTPUT);
  const state: TableState = { storeName: null, sendOldValues: false };
  topology.addProcessor(resultName, tableSourceSupplier<K, VR>(state) as AnyProcessorSupplier, resolverName);
  const resultKeySerde = options.keySerde ?? left.keySerde;
  return {
    nodeName: resultName,
    keySerde: resultKeySerde,
    valueSerde: options.valueSerde,
    state,
    origin: { kind: 'source', storeName: resultStore, flags: storeFlags(options) },
    materialize: options.storeName !== undefined,
  };
}
