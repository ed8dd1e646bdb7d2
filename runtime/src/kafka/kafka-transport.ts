// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
import { Kafka, logLevel, type Admin, type KafkaConfig, type logCreator } from 'kafkajs';
import type {
  BrokerTransportFactory,
  ConsumerOptions,
  PartitionOffsets,
  PartitionReader,
  StreamsConsumer,
  StreamsProducer,
  StreamsTransport,
  TopicPartition,
  TopicSpec,
  TransactionalProducer,
} from '../streams/transport.js';
import { KafkaStreamsConsumer, type GroupTimeouts } from './kafka-consumer.js';
import { KafkaStreamsProducer, KafkaTransactionalProducer } from './kafka-producer.js';
import { KafkaPartitionReader } from './partition-reader.js';
import { KeyPartitioner } from './partitioner.js';
import { ProduceLatency, type ProduceLatencySnapshot } from './produce-latency.js';
import { TopicAdmin } from './topic-admin.js';

export interface KafkaTransportOptions extends GroupTimeouts {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: KafkaConfig['ssl'];
  readonly sasl?: KafkaConfig['sasl'];
  /** kafkajs' own log level; default errors only, since the runner reports what matters. */
  readonly logLevel?: logLevel;
  /** Passed to kafkajs as they are (its defaults when absent): an interactive client gives up sooner. */
  readonly connectionTimeout?: KafkaConfig['connectionTimeout'];
  readonly retry?: KafkaConfig['retry'];
}

/** The StreamsTransport on kafkajs: a real Kafka cluster (or anything speaking its protocol). */
export class KafkaTransport implements StreamsTransport {
  readonly kind = 'kafka';
  readonly kafka: Kafka;
  private readonly admin: Admin;
  private adminConnected: Promise<void> | undefined;
  private readonly topics: TopicAdmin;
  private readonly partitioner: KeyPartitioner;
  private readonly latency = new ProduceLatency();

  constructor(private readonly options: KafkaTransportOptions) {
    if (options.brokers.length === 0) throw new TypeError('the kafka transport needs at least one broker');
    this.kafka = new Kafka({
      brokers: [...options.brokers],
      clientId: options.clientId,
      ssl: options.ssl,
      sasl: options.sasl,
      logLevel: options.logLevel ?? logLevel.ERROR,
      logCreator: quietRebalanceLogs,
      connectionTimeout: options.connectionTimeout,
      retry: options.retry,
    });
    this.admin = this.kafka.admin();
    this.topics = new TopicAdmin(this.admin);
    this.partitioner = new KeyPartitioner(async (topic) => {
      await this.connectAdmin();
      return this.topics.partitionCount(topic);
    });
  }

  async createTopics(topics: readonly TopicSpec[]): Promise<void> {
    await this.connectAdmin();
    await this.topics.createTopics(topics);
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    await this.connectAdmin();
    return this.topics.partitionCounts(topics);
  }

  async offsets(partitions: readonly TopicPartition[]): Promise<PartitionOffsets[]> {
    await this.connectAdmin();
    const found = new Map<string, PartitionOffsets>();
    for (const topic of new Set(partitions.map((p) => p.topic))) {
      for (const { partition, low, high } of await this.admin.fetchTopicOffsets(topic)) {
        found.set(`${topic}:${partition}`, {
          topic,
          partition,
          logStartOffset: Number(low),
          highWatermark: Number(high),
        });
      }
    }
    // In the order asked, as the in-memory transport answers (the admin lists a topic's partitions in the
    // broker's order, not by number).
    return partitions.flatMap((p) => found.get(`${p.topic}:${p.partition}`) ?? []);
  }

  createConsumer(options: ConsumerOptions): StreamsConsumer {
    return new KafkaStreamsConsumer(this.kafka, this.admin, options, this.options);
  }

  createProducer(): StreamsProducer {
    return new KafkaStreamsProducer(this.kafka, this.partitioner, this.latency);
  }

  createTransactionalProducer(options: { readonly transactionalId: string }): TransactionalProducer {
    return new KafkaTransactionalProducer(
      this.kafka,
      options.transactionalId,
      this.partitioner,
      this.latency,
    );
  }

  createReader(): PartitionReader {
    return new KafkaPartitionReader(this.kafka);
  }

  /** Produce round trips since the last call (for metrics). */
  takeProduceLatency(): ProduceLatencySnapshot {
    return this.latency.take();
  }

  async close(): Promise<void> {
    if (this.adminConnected !== undefined) await this.admin.disconnect();
  }

  private connectAdmin(): Promise<void> {
    return (this.adminConnected ??= this.admin.connect());
  }
}

// kafkajs logs every heartbeat answered with "rebalancing" as an ERROR, though a rebalance is routine (the
// runner reports it as a state change); those lines are dropped, everything else goes to stderr.
const BENIGN = /The group is rebalancing|The coordinator is not aware of this member/;
const quietRebalanceLogs: logCreator =
  () =>
  ({ namespace, label, log }) => {
    const { message, ...rest } = log;
    if (BENIGN.test(String(message)) || BENIGN.test(String(rest.error))) return;
    process.stderr.write(`[kafkajs ${label}] ${namespace}: ${String(message)} ${JSON.stringify(rest)}\n`);
  };

/** The factory the runner loads for `new KafkaStreams(topology, { brokers })`. */
export const createKafkaTransport: BrokerTransportFactory = (config) => new KafkaTransport(config);
