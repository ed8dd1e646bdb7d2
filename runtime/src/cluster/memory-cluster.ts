import type { Headers } from '../processor/api.js';
import { ChangeSignal } from './change-signal.js';
import { ConsumerGroup } from './consumer-group.js';
import { KafkaProtocolError } from './errors.js';
import { partitionForKey } from './murmur2.js';
import { PartitionLog, type LogRecord, type RetentionPolicy } from './partition-log.js';
import type { TopicPartition } from './range-assignor.js';

export interface MemoryClusterOptions {
  /** Partitions of a topic created without a count (also by auto-creation). Default 1, like Kafka. */
  readonly defaultPartitions?: number;
  /** Create a topic on first produce, like a broker with auto.create.topics.enable. Default true. */
  readonly autoCreateTopics?: boolean;
  /**
   * Default retention.ms. Default -1 (no time retention), unlike Kafka's 7 days: local runs and tests produce
   * records with event timestamps far in the past, and time retention (which goes by the newest timestamp in
   * a segment) would delete them unread at the first segment roll. Size retention still bounds memory.
   */
  readonly retentionMs?: number;
  /**
   * Default retention.bytes per partition. Default 64 MiB, unlike Kafka's unbounded default, because this
   * cluster's disk is the process's memory.
   */
  readonly retentionBytes?: number;
  /** Default segment.bytes. Default 1 MiB. */
  readonly segmentBytes?: number;
  /** Default segment.ms. Default 1 hour. */
  readonly segmentMs?: number;
  /** How long a rebalance waits for members to rejoin before evicting them. Default 30 s. */
  readonly rebalanceTimeoutMs?: number;
  /** The broker clock (timestamps of records produced without one, retention). Default `Date.now`. */
  readonly now?: () => number;
}

export interface TopicConfig {
  readonly partitions?: number;
  readonly retentionMs?: number;
  readonly retentionBytes?: number;
  readonly segmentBytes?: number;
  readonly segmentMs?: number;
  readonly cleanupPolicy?: 'delete' | 'compact';
}

export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
  readonly config: RetentionPolicy;
}

export interface ProduceRecord {
  readonly key?: Uint8Array | string | null;
  readonly value: Uint8Array | string | null;
  /** Explicit partition; otherwise murmur2 of the key bytes, or round-robin for null keys. */
  readonly partition?: number;
  /** CreateTime; defaults to the broker clock. */
  readonly timestamp?: number;
  readonly headers?: Headers;
}

export interface TopicProduceRecord extends ProduceRecord {
  readonly topic: string;
}

export interface ProduceResult {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: number;
}

/** What a transaction writes when it commits: records and the consumer offsets consumed to produce them. */
export interface TransactionCommit {
  readonly records: readonly { topic: string; record: ProduceRecord }[];
  readonly offsets?: {
    readonly groupId: string;
    readonly member?: { memberId: string; generationId: number };
    readonly offsets: readonly TopicPartitionOffset[];
  };
}

interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
  readonly config: RetentionPolicy;
  roundRobin: number;
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const EMPTY_HEADERS: Headers = new Map();
const encoder = new TextEncoder();

/**
 * The embedded, in-process Kafka stand-in: topics of partitions holding byte records with offsets, timestamps
 * and headers; retention by time and size; consumer groups with committed offsets and rebalancing; atomic
 * transactions. It binds nothing to the network.
 */
export class MemoryCluster {
  /** Notified on every append, topic creation and group change; pollers wait on it. */
  readonly changes = new ChangeSignal();
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly producerEpochs = new Map<string, number>();
  private readonly now: () => number;
  private readonly defaults: RetentionPolicy;
  private readonly defaultPartitions: number;
  private readonly autoCreateTopics: boolean;
  private readonly rebalanceTimeoutMs: number;

  constructor(options: MemoryClusterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.defaultPartitions = positiveInteger(options.defaultPartitions ?? 1, 'defaultPartitions');
    this.autoCreateTopics = options.autoCreateTopics ?? true;
    this.rebalanceTimeoutMs = options.rebalanceTimeoutMs ?? 30_000;
    this.defaults = {
      retentionMs: options.retentionMs ?? -1,
      retentionBytes: options.retentionBytes ?? 64 * 1024 * 1024,
      segmentBytes: positiveInteger(options.segmentBytes ?? 1024 * 1024, 'segmentBytes'),
      segmentMs: positiveInteger(options.segmentMs ?? 3600_000, 'segmentMs'),
      cleanupPolicy: 'delete',
    };
  }

  /** Creates a topic; returns false (and changes nothing) when it already exists. */
  createTopic(name: string, config: TopicConfig = {}): boolean {
    if (!LEGAL_TOPIC.test(name) || name === '.' || name === '..') {
      throw new KafkaProtocolError(
        'INVALID_TOPIC_EXCEPTION',
        `invalid topic name ${JSON.stringify(name)}: use 1-249 characters of [a-zA-Z0-9._-]`,
      );
    }
    if (this.topics.has(name)) return false;
    const partitions = config.partitions ?? this.defaultPartitions;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new KafkaProtocolError(
        'INVALID_PARTITIONS',
        `topic ${name}: partitions must be a positive integer, got ${partitions}`,
      );
    }
    const policy: RetentionPolicy = {
      retentionMs: config.retentionMs ?? this.defaults.retentionMs,
      retentionBytes: config.retentionBytes ?? this.defaults.retentionBytes,
      segmentBytes: positiveInteger(config.segmentBytes ?? this.defaults.segmentBytes, 'segmentBytes'),
      segmentMs: positiveInteger(config.segmentMs ?? this.defaults.segmentMs, 'segmentMs'),
      cleanupPolicy: config.cleanupPolicy ?? 'delete',
    };
    const logs: PartitionLog[] = [];
    for (let p = 0; p < partitions; p++) logs.push(new PartitionLog(name, p, policy));
    this.topics.set(name, { name, partitions: logs, config: policy, roundRobin: 0 });
    for (const group of this.groups.values()) group.topicCreated(name);
    this.changes.notify();
    return true;
  }

  listTopics(): string[] {
    return [...this.topics.keys()].sort();
  }

  describeTopic(name: string): TopicDescription | undefined {
    const topic = this.topics.get(name);
    return topic && { name, partitions: topic.partitions.length, config: topic.config };
  }

  partitionCount(name: string): number {
    return this.topics.get(name)?.partitions.length ?? 0;
  }

  produce(topicName: string, records: readonly ProduceRecord[]): ProduceResult[] {
    const topic = this.topicForProduce(topicName);
    const now = this.now();
    const results: ProduceResult[] = [];
    for (const record of records) results.push(this.append(topic, record, now));
    if (records.length > 0) this.changes.notify();
    return results;
  }

  /**
   * Produces records of several topics in their order, as a producer's batch: one clock read and one wake-up for
   * all of them. A task's output interleaves topics record by record (repartition, changelog, sink), so
   * producing it run by run with `produce` cost a call, a clock read and a notification per record or two.
   */
  produceInOrder(records: readonly TopicProduceRecord[]): ProduceResult[] {
    const now = this.now();
    const results: ProduceResult[] = [];
    let topic: Topic | undefined;
    for (const record of records) {
      if (topic === undefined || topic.name !== record.topic) topic = this.topicForProduce(record.topic);
      results.push(this.append(topic, record, now));
    }
    if (records.length > 0) this.changes.notify();
    return results;
  }

  private append(topic: Topic, record: ProduceRecord, now: number): ProduceResult {
    const key = toBytes(record.key ?? null);
    const partition = this.choosePartition(topic, record.partition, key);
    const timestamp = record.timestamp ?? now;
    if (!Number.isFinite(timestamp) || timestamp < 0) {
      throw new RangeError(`record timestamp must be a non-negative number, got ${timestamp}`);
    }
    const log = topic.partitions[partition]!;
    const offset = log.append(key, toBytes(record.value), timestamp, record.headers ?? EMPTY_HEADERS, now);
    return { topic: topic.name, partition, offset, timestamp };
  }

  /** Up to `maxRecords` records of one partition from `offset` (throws OffsetOutOfRangeError outside the log). */
  fetch(topic: string, partition: number, offset: number, maxRecords = 500): LogRecord[] {
    return this.log(topic, partition).read(offset, maxRecords);
  }

  highWatermark(topic: string, partition: number): number {
    return this.log(topic, partition).highWatermark;
  }

  logStartOffset(topic: string, partition: number): number {
    return this.log(topic, partition).logStartOffset;
  }

  /** Deletes the records of a partition before `offset` (Kafka's DeleteRecords); returns the new log start. */
  deleteRecords(topic: string, partition: number, beforeOffset: number): number {
    return this.log(topic, partition).deleteRecordsBefore(beforeOffset);
  }

  /**
   * Applies retention to every partition now. Appends apply it whenever a segment rolls; call this to expire
   * data of partitions nobody writes to (a broker does it every log.retention.check.interval.ms).
   */
  enforceRetention(): number {
    const now = this.now();
    let removed = 0;
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) removed += log.enforceRetention(now);
    }
    return removed;
  }

  /** The consumer group with this id, created on first use. */
  group(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new ConsumerGroup(
        groupId,
        (topic) => this.partitionCount(topic),
        this.rebalanceTimeoutMs,
        () => this.changes.notify(),
      );
      this.groups.set(groupId, group);
    }
    return group;
  }

  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.groups.get(groupId)?.committedOffset(topic, partition);
  }

  /**
   * Registers a transactional producer id and returns its epoch; an older epoch of the same id is fenced from
   * then on (Kafka's zombie fencing for exactly-once).
   */
  initTransactions(transactionalId: string): number {
    const epoch = (this.producerEpochs.get(transactionalId) ?? -1) + 1;
    this.producerEpochs.set(transactionalId, epoch);
    return epoch;
  }

  /**
   * Commits a transaction atomically: the records are appended and the offsets committed together, or nothing
   * happens. Aborted transactions never reach the cluster, so readers see only committed data.
   */
  commitTransaction(transactionalId: string, epoch: number, commit: TransactionCommit): ProduceResult[] {
    const current = this.producerEpochs.get(transactionalId);
    if (current === undefined) {
      throw new KafkaProtocolError(
        'INVALID_TXN_STATE',
        `transactional id ${transactionalId} was never initialised; call initTransactions first`,
      );
    }
    if (current !== epoch) {
      throw new KafkaProtocolError(
        'PRODUCER_FENCED',
        `producer ${transactionalId} epoch ${epoch} was fenced by epoch ${current}`,
      );
    }
    // Validate everything that can fail before the first append, so a failure leaves no partial transaction.
    for (const { topic, record } of commit.records) {
      const resolved = this.topicForProduce(topic);
      if (record.partition !== undefined) this.checkPartition(resolved, record.partition);
    }
    if (commit.offsets !== undefined) {
      const { groupId, member, offsets } = commit.offsets;
      // Committing an empty list runs the group's fencing checks without writing anything.
      this.group(groupId).commit([], member);
      for (const tp of offsets) this.log(tp.topic, tp.partition);
    }
    const results: ProduceResult[] = [];
    const byTopic = new Map<string, ProduceRecord[]>();
    for (const { topic, record } of commit.records) {
      const list = byTopic.get(topic);
      if (list === undefined) byTopic.set(topic, [record]);
      else list.push(record);
    }
    for (const [topic, records] of byTopic) results.push(...this.produce(topic, records));
    if (commit.offsets !== undefined) {
      this.group(commit.offsets.groupId).commit(commit.offsets.offsets, commit.offsets.member);
    }
    return results;
  }

  private topicForProduce(name: string): Topic {
    let topic = this.topics.get(name);
    if (topic === undefined) {
      if (!this.autoCreateTopics) {
        throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
      }
      this.createTopic(name);
      topic = this.topics.get(name)!;
    }
    return topic;
  }

  private choosePartition(topic: Topic, partition: number | undefined, key: Uint8Array | null): number {
    const count = topic.partitions.length;
    if (partition !== undefined) return this.checkPartition(topic, partition);
    if (count === 1) return 0;
    if (key === null) {
      // Kafka spreads keyless records with its sticky partitioner; plain round-robin spreads them the same
      // way over time without modelling producer batches.
      return topic.roundRobin++ % count;
    }
    return partitionForKey(key, count);
  }

  private checkPartition(topic: Topic, partition: number): number {
    if (!Number.isInteger(partition) || partition < 0 || partition >= topic.partitions.length) {
      throw new KafkaProtocolError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        `partition ${partition} does not exist in topic ${topic.name} (${topic.partitions.length} partitions)`,
      );
    }
    return partition;
  }

  private log(topicName: string, partition: number): PartitionLog {
    const topic = this.topics.get(topicName);
    if (topic === undefined) {
      throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topicName} does not exist`);
    }
    return topic.partitions[this.checkPartition(topic, partition)]!;
  }
}

function toBytes(data: Uint8Array | string | null): Uint8Array | null {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
