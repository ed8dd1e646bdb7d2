// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
import type { Kafka, Producer, TopicMessages, Transaction } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type {
  ConsumerGroupMetadata,
  OutgoingRecord,
  RecordAck,
  StreamsProducer,
  TopicPartitionOffset,
  TransactionalProducer,
} from '../streams/transport.js';
import type { KeyPartitioner } from './partitioner.js';
import type { ProduceLatency } from './produce-latency.js';
import { toKafkaMessage } from './records.js';
import { kafkaErrorType } from './kafka-errors.js';
import { ProducerFencedError } from '../streams/transport.js';

interface Routed {
  readonly topicMessages: TopicMessages[];
  /** Per input record: its topic, partition and index among the records sent to that partition. */
  readonly placement: { topic: string; partition: number; index: number }[];
}

/** Groups records by topic (keeping each partition's order) and fixes every record's partition. */
async function route(records: readonly OutgoingRecord[], partitioner: KeyPartitioner): Promise<Routed> {
  const byTopic = new Map<string, TopicMessages>();
  const perPartition = new Map<string, number>();
  const placement: Routed['placement'] = [];
  for (const record of records) {
    const partition = await partitioner.partitionOf(record);
    let entry = byTopic.get(record.topic);
    if (entry === undefined) byTopic.set(record.topic, (entry = { topic: record.topic, messages: [] }));
    entry.messages.push(toKafkaMessage(record, partition));
    const id = `${record.topic}\u0000${partition}`;
    const index = perPartition.get(id) ?? 0;
    perPartition.set(id, index + 1);
    placement.push({ topic: record.topic, partition, index });
  }
  return { topicMessages: [...byTopic.values()], placement };
}

/** An at-least-once producer: acks=all, idempotence off (kafkajs' idempotence needs InitProducerId). */
export class KafkaStreamsProducer implements StreamsProducer {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly partitioner: KeyPartitioner,
    private readonly latency: ProduceLatency,
  ) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(records: readonly OutgoingRecord[]): Promise<RecordAck[]> {
    if (records.length === 0) return [];
    const { topicMessages, placement } = await route(records, this.partitioner);
    const started = performance.now();
    const metadata = await this.producer.sendBatch({ topicMessages, acks: -1 });
    this.latency.record(performance.now() - started, records.length);
    const base = new Map<string, number>();
    for (const m of metadata) base.set(`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset));
    return placement.map(({ topic, partition, index }) => {
      const first = base.get(`${topic}\u0000${partition}`);
      if (first === undefined) throw new Error(`the broker did not acknowledge ${topic}-${partition}`);
      return { topic, partition, offset: first + index };
    });
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** exactly_once_v2 on kafkajs transactions: records and consumed offsets commit together. */
export class KafkaTransactionalProducer implements TransactionalProducer {
  private readonly producer: Producer;
  private transaction: Transaction | undefined;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly transactionalId: string,
    private readonly partitioner: KeyPartitioner,
    private readonly latency: ProduceLatency,
  ) {
    this.producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    try {
      await this.producer.connect();
      // kafkajs' connect() runs a non-transactional InitProducerId, which fences nothing; the transactional
      // one (which bumps this id's epoch, fencing the previous owner and aborting its open transaction) runs
      // at its first transaction(). It must happen now, before the task restores or reads its offsets; an
      // empty transaction sends nothing more and aborts locally.
      const first = await this.producer.transaction();
      await first.abort();
    } catch (error) {
      await this.producer.disconnect().catch(() => undefined);
      throw new Error(
        `cannot start the transactional producer ${this.transactionalId}: the broker refused InitProducerId ` +
          `(${String(error)}); exactly_once_v2 needs a broker with transactions`,
        { cause: error },
      );
    }
    this.connected = true;
  }

  async beginTransaction(): Promise<void> {
    if (!this.connected) throw new Error('connect() the transactional producer first');
    if (this.transaction !== undefined)
      throw new Error(`transaction of ${this.transactionalId} is already open`);
    this.transaction = await this.producer.transaction();
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    const transaction = this.open();
    if (records.length === 0) return;
    const { topicMessages } = await route(records, this.partitioner);
    const started = performance.now();
    await this.fenceable(() => transaction.sendBatch({ topicMessages, acks: -1 }));
    this.latency.record(performance.now() - started, records.length);
  }

  async sendOffsets(offsets: readonly TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void> {
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const { topic, partition, offset } of offsets) {
      const list = byTopic.get(topic) ?? [];
      list.push({ partition, offset: String(offset) });
      byTopic.set(topic, list);
    }
    const transaction = this.open();
    await this.fenceable(() =>
      transaction.sendOffsets({
        consumerGroupId: group.groupId,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      }),
    );
  }

  async commitTransaction(): Promise<void> {
    const transaction = this.open();
    this.transaction = undefined;
    await this.fenceable(() => transaction.commit());
  }

  async abortTransaction(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    if (transaction !== undefined && transaction.isActive()) await transaction.abort();
  }

  async close(): Promise<void> {
    await this.abortTransaction().catch(() => undefined);
    await this.producer.disconnect();
  }

  /** A newer producer of this transactional id exists: the broker answers INVALID_PRODUCER_EPOCH. */
  private async fenceable<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const type = kafkaErrorType(error);
      if (type === 'INVALID_PRODUCER_EPOCH' || type === 'PRODUCER_FENCED') {
        throw new ProducerFencedError(
          `producer ${this.transactionalId} was fenced by a newer one (${String(error)})`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private open(): Transaction {
    if (this.transaction === undefined) {
      throw new Error(`no open transaction for ${this.transactionalId}; call beginTransaction()`);
    }
    return this.transaction;
  }
}
