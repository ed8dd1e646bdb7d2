// The seam between the KafkaStreams runner and a cluster. The runner (runtime/src/streams/) speaks only this
// interface; `memory-transport.ts` implements it on the embedded MemoryCluster, and runtime/src/kafka/
// implements it with kafkajs. Everything here is bytes: serdes live in the runner, partitioning by key in the
// transport (murmur2 of the key bytes, as Kafka's default partitioner does).

import type { KafkaConfig } from 'kafkajs';
import type { ProduceMetrics } from '../metrics/snapshot.js';
import type { Headers } from '../processor/api.js';
import type { StoredRecord } from '../raw-record.js';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** An offset of a partition; for commits it is the next offset to read, as in Kafka. */
export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: number;
}

/** A topic the runner needs (source topics are expected to exist; internal topics are created). */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Kafka topic configs by their Kafka names, e.g. `{ 'cleanup.policy': 'compact' }` for changelogs. */
  readonly config?: Readonly<Record<string, string>>;
}

/** A record read from a partition. `timestamp` is the record's CreateTime (or LogAppendTime) in ms. */
export type FetchedRecord = StoredRecord;

/** A record to write. Without `partition`, the transport picks murmur2(key bytes) % partitions (null key: any). */
export interface OutgoingRecord {
  readonly topic: string;
  readonly partition?: number;
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: Headers;
}

/** Where an acknowledged record was written. */
export interface RecordAck {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** The offsets of a partition: the first still stored (log start) and the next to be written (high watermark). */
export interface PartitionOffsets extends TopicPartition {
  readonly logStartOffset: number;
  readonly highWatermark: number;
}

/**
 * Rebalance callbacks, as Java's ConsumerRebalanceListener. They are invoked from inside `poll()` (never
 * concurrently with the runner's processing of a batch) and awaited before `poll()` returns.
 */
export interface RebalanceListener {
  /** The member is giving these partitions up: flush, commit and close their tasks now. */
  onPartitionsRevoked(partitions: readonly TopicPartition[]): Promise<void>;
  /** The member now owns these partitions: create their tasks and restore their state before processing. */
  onPartitionsAssigned(partitions: readonly TopicPartition[]): Promise<void>;
  /**
   * The member was dropped from the group (it missed its session timeout) and its partitions went to others
   * meanwhile: close their tasks without committing, as their state may be stale. Without this callback the
   * consumer calls onPartitionsRevoked, as Java's default does.
   */
  onPartitionsLost?(partitions: readonly TopicPartition[]): Promise<void>;
  /**
   * The partition numbers whose tasks this member keeps standby replicas of in the new generation (all of
   * them, after every rebalance; see numStandbyReplicas). Absent support in a transport: no standbys.
   */
  onStandbysAssigned?(partitions: readonly number[]): Promise<void>;
}

export interface ConsumerOptions {
  /** The consumer group id; KafkaStreams uses its applicationId. */
  readonly groupId: string;
  /** A client id prefix for member ids and logs. */
  readonly clientId?: string;
  /** Topics to subscribe to; partitions are spread over the group's members by the transport's assignor. */
  readonly topics: readonly string[];
  /** Where to start a partition that has no committed offset (or whose offset is out of range). */
  readonly autoOffsetReset: 'earliest' | 'latest';
  /** Upper bound on records one `poll()` returns. */
  readonly maxPollRecords: number;
  readonly listener: RebalanceListener;
  /** Standby replicas per task the group's assignor places (Kafka's num.standby.replicas). Default 0. */
  readonly standbyReplicas?: number;
  /**
   * Per partition number, how far this member's standby state reaches (summed changelog offsets), for the
   * assignor to prefer the most caught-up member when a task moves.
   */
  readonly standbyPositions?: () => Readonly<Record<number, number>>;
}

/**
 * A consumer-group member. The runner drives it from one loop: `poll()` → process the batch synchronously →
 * produce → maybe `commit()`. Rebalance callbacks run inside `poll()`.
 *
 * A push-based client (kafkajs `eachBatch`) implements `poll()` with a bounded buffer: its handler pushes
 * batches and waits while the buffer is full, and `poll()` drains it. Co-partitioned topics must get the same
 * partition numbers on the same member (Kafka's RangeAssignor does this when partition counts match).
 */
export interface StreamsConsumer {
  /** Joins the group. The first assignment arrives through the listener during a later `poll()`. */
  connect(): Promise<void>;
  /**
   * Returns the next records of the assigned partitions (at most `maxPollRecords`, in offset order per
   * partition), waiting up to `maxWaitMs` when there are none. Returns early, possibly empty, after a rebalance
   * or `wakeup()`. A record is returned once; the position then moves past it.
   */
  poll(maxWaitMs: number): Promise<readonly FetchedRecord[]>;
  /** Makes a pending or the next `poll()` return at once (used by `close()`). */
  wakeup(): void;
  /** Partitions currently owned. */
  assignment(): readonly TopicPartition[];
  /** The next offset `poll()` will return for a partition, if assigned. */
  position(partition: TopicPartition): number | undefined;
  /** Moves the position of an assigned partition. */
  seek(partition: TopicPartitionOffset): void;
  /** Stops (`pause`) and restarts (`resume`) fetching from partitions without giving them up. */
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /**
   * Commits offsets (the next offset to read) for the group. Rejects if this member was fenced by a
   * rebalance it missed (Kafka's ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID).
   */
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** The group's committed offsets; partitions without a commit are absent. */
  committed(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]>;
  /** Identifies this member for transactional offset commits (Kafka's ConsumerGroupMetadata). */
  groupMetadata(): ConsumerGroupMetadata;
  /**
   * Gives up partitions whose tasks another member took over (their producer was fenced) before the group
   * told this member: their records are no longer returned, and an assignment that contains them again
   * reports them as newly assigned, so their tasks are created afresh.
   */
  releaseLost(partitions: readonly TopicPartition[]): void;
  /** Revokes its partitions through the listener, leaves the group and releases resources. */
  close(): Promise<void>;
}

export interface ConsumerGroupMetadata {
  readonly groupId: string;
  readonly memberId: string;
  readonly generationId: number;
}

export interface StreamsProducer {
  connect(): Promise<void>;
  /** Writes records; resolves once every one is acknowledged (acks=all), in order per partition. */
  send(records: readonly OutgoingRecord[]): Promise<RecordAck[]>;
  close(): Promise<void>;
}

/**
 * A transactional producer's calls were refused because a newer producer with its transactional id exists
 * (Kafka's PRODUCER_FENCED / INVALID_PRODUCER_EPOCH): its open transaction is aborted, and the task it wrote
 * for belongs to another instance now.
 */
export class ProducerFencedError extends Error {
  override readonly name = 'ProducerFencedError';
}

/**
 * A transactional producer for exactly-once (`processingGuarantee: 'exactly_once_v2'`): the records of a
 * transaction and the consumed offsets become visible together on commit, or not at all. A producer opened
 * later with the same transactional id fences this one (its calls then reject with ProducerFencedError) and
 * aborts its open transaction; `connect()` is where that happens.
 */
export interface TransactionalProducer {
  connect(): Promise<void>;
  beginTransaction(): Promise<void>;
  /** Resolves once the records are accepted into the open transaction. */
  send(records: readonly OutgoingRecord[]): Promise<void>;
  /** Adds consumed offsets (next offset to read) to the open transaction. */
  sendOffsets(offsets: readonly TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void>;
  commitTransaction(): Promise<void>;
  abortTransaction(): Promise<void>;
  close(): Promise<void>;
}

/** Reads a partition outside any consumer group: state restoration from changelogs, global tables. */
export interface PartitionReader {
  /** Up to `maxRecords` records from `offset` (returns fewer, possibly none, at the high watermark). */
  read(partition: TopicPartitionOffset, maxRecords: number): Promise<readonly FetchedRecord[]>;
  close(): Promise<void>;
}

export interface StreamsTransport {
  /** 'memory' for the embedded cluster, 'kafka' for a real one (for logs and metrics). */
  readonly kind: string;
  /** Creates the topics that do not exist yet; existing topics are left untouched. */
  createTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** Partition counts of the given topics; topics that do not exist are absent from the map. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>;
  /**
   * Log start offsets and high watermarks, for restoration and consumer-lag metrics: in the order asked,
   * partitions that do not exist left out.
   */
  offsets(partitions: readonly TopicPartition[]): Promise<PartitionOffsets[]>;
  createConsumer(options: ConsumerOptions): StreamsConsumer;
  createProducer(options: { readonly clientId?: string }): StreamsProducer;
  /** Absent when the transport cannot do transactions; the runner then refuses exactly_once_v2. */
  createTransactionalProducer?(options: {
    readonly clientId?: string;
    readonly transactionalId: string;
  }): TransactionalProducer;
  createReader(options: { readonly clientId?: string }): PartitionReader;
  /**
   * Deletes the records before the given offsets (Kafka's DeleteRecords). Optional: the runner uses it to
   * purge repartition records every instance has consumed and committed, as Kafka Streams does.
   */
  deleteRecords?(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /**
   * Produce round trips since the previous call, for the metrics snapshot. Optional: a transport that cannot
   * measure them leaves the snapshot's `produce` out.
   */
  takeProduceLatency?(): ProduceMetrics;
  /** Releases connections shared by the consumers and producers above. */
  close(): Promise<void>;
}

/** Builds a transport for brokers (`config.brokers`); runtime/src/kafka/ provides one for kafkajs. */
export type BrokerTransportFactory = (config: {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Passed through to kafkajs unchanged. */
  readonly ssl?: KafkaConfig['ssl'];
  readonly sasl?: KafkaConfig['sasl'];
}) => StreamsTransport;
