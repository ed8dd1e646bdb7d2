// Public API of @topograph/runtime. Names mirror Kafka Streams (see docs/DESIGN.md, "Runtime contract").
// What only the runtime's own benches and tests reach into (a task driven by hand, the DSL's building shapes)
// is in ./internals.ts, the `@topograph/runtime/internals` entry.

export type * from './processor/api.js';
export { Serdes } from './serdes/serdes.js';
export { SerdeError, type Serde } from './serdes/serde.js';
export {
  DeserializationHandlers,
  StreamsProcessingError,
  type DeserializationHandler,
} from './errors/deserialization-handler.js';
export { ProcessingHandlers, type ProcessingHandler } from './errors/processing-handler.js';
export { DeadLetterHeaders, type ErrorStage } from './errors/dead-letter.js';
export { Topology } from './topology/topology.js';
export { TopologyDescription } from './topology/topology-description.js';
export { TopologyError } from './topology/internal-topology-builder.js';
export type { TimestampExtractor, TopicNameExtractor, StreamPartitioner } from './topology/nodes.js';
export { Stores } from './state/stores.js';
export type { KeyValue, KeyValueStore, ReadOnlyKeyValueStore } from './state/key-value-store.js';
export type { StoreBuilder } from './state/store.js';
export { NodeMetrics } from './metrics/node-metrics.js';
// Running topologies (owned by the runner): the embedded cluster, KafkaStreams, transports, metrics snapshots.
export {
  MemoryCluster,
  type MemoryClusterOptions,
  type TopicConfig,
  type ProduceRecord,
  type ProduceResult,
  type TopicProduceRecord,
} from './cluster/memory-cluster.js';
export { OffsetOutOfRangeError } from './cluster/partition-log.js';
export { KafkaProtocolError } from './cluster/errors.js';
export { murmur2, partitionForKey } from './cluster/murmur2.js';
export { KafkaStreams, type KafkaStreamsEvents } from './streams/kafka-streams.js';
export type { KafkaStreamsState } from './streams/state.js';
export type { RestoreReport } from './streams/stream-thread.js';
export type { StreamsConfig, ProcessingGuarantee, ProductionHandler } from './streams/config.js';
export { MissingSourceTopicError } from './streams/topic-plan.js';
export { MemoryTransport } from './streams/memory-transport.js';
export type * from './streams/transport.js';
export type * from './metrics/snapshot.js';
export { StreamsBuilder, type TableOptions } from './dsl/streams-builder.js';
export { KStream } from './dsl/kstream.js';
export { KTable } from './dsl/ktable.js';
export { KGroupedStream, type WindowedStreams, type WindowSpec } from './dsl/kgrouped-stream.js';
export { KGroupedTable } from './dsl/kgrouped-table.js';
export { CogroupedKStream } from './dsl/cogrouped-kstream.js';
export { BranchedKStream, type Branched } from './dsl/branched-kstream.js';
export { GlobalKTable } from './dsl/global-ktable.js';
export type { Change } from './dsl/change.js';
export type * from './dsl/options.js';
export {
  TimestampedKeyValueStore,
  valueAndTimestampSerde,
  type ValueAndTimestamp,
} from './state/timestamped-key-value-store.js';
export { InMemoryKeyValueStore } from './state/key-value-store.js';
export { TopologyTestDriver, type TopologyTestDriverConfig } from './test-driver/topology-test-driver.js';
export { TestInputTopic, type TestInputTopicOptions } from './test-driver/test-input-topic.js';
export { TestOutputTopic } from './test-driver/test-output-topic.js';
export type { TestRecord, OutputRecord } from './test-driver/test-record.js';
export * from './windows/index.js';
// Foreign-key table–table joins (KTable#join/leftJoin with an extractor).
export type { ForeignKeyJoinOptions } from './joins/foreign-key/fk-join.js';
export type { ForeignKeyExtractor } from './joins/foreign-key/subscription-processors.js';
// Versioned key-value stores (KIP-889) and versioned tables (KIP-914).
export {
  InMemoryVersionedKeyValueStore,
  PUT_RETURN_CODE_NOT_PUT,
  PUT_RETURN_CODE_VALID_TO_UNDEFINED,
  type VersionedKeyValueStore,
  type VersionedRecord,
} from './state/versioned/versioned-key-value-store.js';
export type { VersionedBytesStoreSupplier, VersionedOptions } from './state/versioned/versioned-stores.js';
// The stream debugger (recording, replay, traces): runtime/src/debug/.
export * from './debug/index.js';
