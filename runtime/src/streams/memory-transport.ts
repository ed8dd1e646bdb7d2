import type { MemoryCluster, TopicConfig } from '../cluster/memory-cluster.js';
import { KafkaProtocolError } from '../cluster/errors.js';
import { OffsetOutOfRangeError } from '../cluster/partition-log.js';
import type {
  ConsumerGroupMetadata,
  ConsumerOptions,
  FetchedRecord,
  OutgoingRecord,
  PartitionOffsets,
  PartitionReader,
  RecordAck,
  StreamsConsumer,
  StreamsProducer,
  StreamsTransport,
  TopicPartition,
  TopicPartitionOffset,
  TopicSpec,
  TransactionalProducer,
} from './transport.js';
import { ProducerFencedError } from './transport.js';

/** The StreamsTransport of the embedded MemoryCluster: every call is in-process. */
export class MemoryTransport implements StreamsTransport {
  readonly kind = 'memory';

  constructor(readonly cluster: MemoryCluster) {}

  async createTopics(topics: readonly TopicSpec[]): Promise<void> {
    for (const spec of topics) this.cluster.createTopic(spec.name, topicConfig(spec));
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const topic of topics) {
      const count = this.cluster.partitionCount(topic);
      if (count > 0) counts.set(topic, count);
    }
    return counts;
  }

  async offsets(partitions: readonly TopicPartition[]): Promise<PartitionOffsets[]> {
    return partitions.map(({ topic, partition }) => ({
      topic,
      partition,
      logStartOffset: this.cluster.logStartOffset(topic, partition),
      highWatermark: this.cluster.highWatermark(topic, partition),
    }));
  }

  createConsumer(options: ConsumerOptions): StreamsConsumer {
    return new MemoryConsumer(this.cluster, options);
  }

  createProducer(): StreamsProducer {
    return new MemoryProducer(this.cluster);
  }

  createTransactionalProducer(options: { readonly transactionalId: string }): TransactionalProducer {
    return new MemoryTransactionalProducer(this.cluster, options.transactionalId);
  }

  createReader(): PartitionReader {
    const cluster = this.cluster;
    return {
      async read({ topic, partition, offset }, maxRecords) {
        return cluster.fetch(topic, partition, offset, maxRecords);
      },
      async close() {},
    };
  }

  async deleteRecords(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    for (const { topic, partition, offset } of offsets) this.cluster.deleteRecords(topic, partition, offset);
  }

  async close(): Promise<void> {}
}

function topicConfig(spec: TopicSpec): TopicConfig {
  const config = spec.config ?? {};
  const number = (name: string): number | undefined => {
    const raw = config[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value))
      throw new RangeError(`topic ${spec.name}: ${name} must be a number, got ${raw}`);
    return value;
  };
  const policy = config['cleanup.policy'];
  return {
    partitions: spec.partitions,
    retentionMs: number('retention.ms'),
    retentionBytes: number('retention.bytes'),
    segmentBytes: number('segment.bytes'),
    segmentMs: number('segment.ms'),
    // 'compact,delete' is treated as compact: restoring state must see the latest record of every key.
    cleanupPolicy: policy === undefined || policy === 'delete' ? 'delete' : 'compact',
  };
}

interface PartitionPosition {
  readonly topic: string;
  readonly partition: number;
  offset: number;
  paused: boolean;
}

const positionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

class MemoryConsumer implements StreamsConsumer {
  private memberId: string | undefined;
  private generationId = -1;
  private positions: PartitionPosition[] = [];
  private readonly byKey = new Map<string, PartitionPosition>();
  private nextPartition = 0;
  private woken = false;
  private closed = false;

  constructor(
    private readonly cluster: MemoryCluster,
    private readonly options: ConsumerOptions,
  ) {
    if (!Number.isInteger(options.maxPollRecords) || options.maxPollRecords < 1) {
      throw new RangeError(`maxPollRecords must be a positive integer, got ${options.maxPollRecords}`);
    }
  }

  async connect(): Promise<void> {
    if (this.closed) throw new Error('consumer is closed');
    if (this.memberId === undefined) this.join();
  }

  async poll(maxWaitMs: number): Promise<readonly FetchedRecord[]> {
    if (this.memberId === undefined || this.closed)
      throw new Error('poll() needs a connected, open consumer');
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      if (this.woken || this.closed) {
        this.woken = false;
        return [];
      }
      if (this.cluster.group(this.options.groupId).needsRejoin(this.memberId)) {
        await this.rebalance();
        return [];
      }
      const batch = this.fetchBatch();
      if (batch.length > 0) return batch;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return [];
      await this.cluster.changes.wait(remaining);
    }
  }

  wakeup(): void {
    this.woken = true;
    this.cluster.changes.notify();
  }

  assignment(): readonly TopicPartition[] {
    return this.positions.map(({ topic, partition }) => ({ topic, partition }));
  }

  position({ topic, partition }: TopicPartition): number | undefined {
    return this.byKey.get(positionKey(topic, partition))?.offset;
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    const position = this.byKey.get(positionKey(topic, partition));
    if (position === undefined) throw new Error(`cannot seek ${topic}-${partition}: it is not assigned`);
    position.offset = offset;
  }

  pause(partitions: readonly TopicPartition[]): void {
    this.setPaused(partitions, true);
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.setPaused(partitions, false);
    this.cluster.changes.notify();
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (this.memberId === undefined) throw new Error('commit() needs a connected consumer');
    this.cluster
      .group(this.options.groupId)
      .commit(offsets, { memberId: this.memberId, generationId: this.generationId });
  }

  async committed(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const out: TopicPartitionOffset[] = [];
    for (const { topic, partition } of partitions) {
      const offset = this.cluster.committedOffset(this.options.groupId, topic, partition);
      if (offset !== undefined) out.push({ topic, partition, offset });
    }
    return out;
  }

  groupMetadata(): ConsumerGroupMetadata {
    if (this.memberId === undefined) throw new Error('groupMetadata() needs a connected consumer');
    return { groupId: this.options.groupId, memberId: this.memberId, generationId: this.generationId };
  }

  releaseLost(partitions: readonly TopicPartition[]): void {
    const lost = new Set(partitions.map((p) => positionKey(p.topic, p.partition)));
    this.positions = this.positions.filter((p) => !lost.has(positionKey(p.topic, p.partition)));
    for (const id of lost) this.byKey.delete(id);
    this.nextPartition = 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.positions.length > 0) await this.options.listener.onPartitionsRevoked(this.assignment());
    } finally {
      this.setAssignment([]);
      if (this.memberId !== undefined) this.cluster.group(this.options.groupId).leave(this.memberId);
      this.memberId = undefined;
    }
  }

  private join(): void {
    this.memberId = this.cluster
      .group(this.options.groupId)
      .join(this.options.topics, this.options.clientId ?? 'consumer');
  }

  private async rebalance(): Promise<void> {
    const group = this.cluster.group(this.options.groupId);
    const evicted = !group.memberIds().includes(this.memberId!);
    if (this.positions.length > 0) {
      const revoked = this.assignment();
      this.setAssignment([]);
      const { listener } = this.options;
      if (evicted && listener.onPartitionsLost !== undefined) await listener.onPartitionsLost(revoked);
      else await listener.onPartitionsRevoked(revoked);
    }
    // A member evicted for missing a rebalance joins again under a new id, as a Kafka consumer does.
    if (evicted) this.join();
    const { generationId, partitions } = await group.rejoin(this.memberId!);
    if (this.closed) return;
    this.generationId = generationId;
    this.setAssignment(partitions);
    for (const position of this.positions) {
      const committed = this.cluster.committedOffset(
        this.options.groupId,
        position.topic,
        position.partition,
      );
      position.offset = committed ?? this.resetOffset(position);
    }
    await this.options.listener.onPartitionsAssigned(partitions);
  }

  private setAssignment(partitions: readonly TopicPartition[]): void {
    this.positions = partitions.map(({ topic, partition }) => ({
      topic,
      partition,
      offset: 0,
      paused: false,
    }));
    this.byKey.clear();
    for (const position of this.positions)
      this.byKey.set(positionKey(position.topic, position.partition), position);
    this.nextPartition = 0;
  }

  private setPaused(partitions: readonly TopicPartition[], paused: boolean): void {
    for (const { topic, partition } of partitions) {
      const position = this.byKey.get(positionKey(topic, partition));
      if (position !== undefined) position.paused = paused;
    }
  }

  private resetOffset(position: PartitionPosition): number {
    return this.options.autoOffsetReset === 'earliest'
      ? this.cluster.logStartOffset(position.topic, position.partition)
      : this.cluster.highWatermark(position.topic, position.partition);
  }

  /** Fills a batch from the assigned partitions, starting with a different one each time for fairness. */
  private fetchBatch(): FetchedRecord[] {
    const count = this.positions.length;
    let batch: FetchedRecord[] = [];
    for (let i = 0; i < count && batch.length < this.options.maxPollRecords; i++) {
      const position = this.positions[(this.nextPartition + i) % count]!;
      if (position.paused) continue;
      let records: FetchedRecord[];
      try {
        records = this.cluster.fetch(
          position.topic,
          position.partition,
          position.offset,
          this.options.maxPollRecords - batch.length,
        );
      } catch (error) {
        if (!(error instanceof OffsetOutOfRangeError)) throw error;
        // Retention removed what this member had not read yet: Kafka's auto.offset.reset applies.
        position.offset = this.resetOffset(position);
        records = this.cluster.fetch(
          position.topic,
          position.partition,
          position.offset,
          this.options.maxPollRecords - batch.length,
        );
      }
      if (records.length === 0) continue;
      position.offset = records[records.length - 1]!.offset + 1;
      batch = batch.length === 0 ? records : batch.concat(records);
    }
    this.nextPartition = count === 0 ? 0 : (this.nextPartition + 1) % count;
    return batch;
  }
}

class MemoryProducer implements StreamsProducer {
  constructor(private readonly cluster: MemoryCluster) {}

  async connect(): Promise<void> {}

  async send(records: readonly OutgoingRecord[]): Promise<RecordAck[]> {
    return this.cluster.produceInOrder(records);
  }

  async close(): Promise<void> {}
}

class MemoryTransactionalProducer implements TransactionalProducer {
  private epoch: number | undefined;
  private open = false;
  private records: { topic: string; record: OutgoingRecord }[] = [];
  private offsets: { offsets: TopicPartitionOffset[]; group: ConsumerGroupMetadata } | undefined;

  constructor(
    private readonly cluster: MemoryCluster,
    private readonly transactionalId: string,
  ) {}

  async connect(): Promise<void> {
    this.epoch = this.cluster.initTransactions(this.transactionalId);
  }

  async beginTransaction(): Promise<void> {
    if (this.epoch === undefined) throw new Error('connect() the transactional producer first');
    if (this.open) throw new Error(`transaction of ${this.transactionalId} is already open`);
    this.open = true;
    this.records = [];
    this.offsets = undefined;
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    this.requireOpen();
    for (const record of records) this.records.push({ topic: record.topic, record });
  }

  async sendOffsets(offsets: readonly TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void> {
    this.requireOpen();
    if (this.offsets !== undefined && this.offsets.group.groupId !== group.groupId) {
      throw new Error('one transaction commits offsets of one consumer group');
    }
    const merged = new Map<string, TopicPartitionOffset>();
    for (const offset of [...(this.offsets?.offsets ?? []), ...offsets]) {
      merged.set(positionKey(offset.topic, offset.partition), offset);
    }
    this.offsets = { offsets: [...merged.values()], group };
  }

  async commitTransaction(): Promise<void> {
    this.requireOpen();
    const records = this.records;
    const offsets = this.offsets;
    this.open = false;
    this.records = [];
    this.offsets = undefined;
    try {
      this.cluster.commitTransaction(this.transactionalId, this.epoch!, {
        records,
        offsets: offsets && {
          groupId: offsets.group.groupId,
          member: { memberId: offsets.group.memberId, generationId: offsets.group.generationId },
          offsets: offsets.offsets,
        },
      });
    } catch (error) {
      if (error instanceof KafkaProtocolError && error.type === 'PRODUCER_FENCED') {
        throw new ProducerFencedError(error.message, { cause: error });
      }
      throw error;
    }
  }

  async abortTransaction(): Promise<void> {
    this.open = false;
    this.records = [];
    this.offsets = undefined;
  }

  async close(): Promise<void> {
    if (this.open) await this.abortTransaction();
  }

  private requireOpen(): void {
    if (!this.open)
      throw new Error(`no open transaction for ${this.transactionalId}; call beginTransaction()`);
  }
}
