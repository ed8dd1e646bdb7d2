// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
import { createRequire } from 'node:module';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { FetchedRecord, PartitionReader, TopicPartitionOffset } from '../streams/transport.js';
import { fromKafkaMessage } from './records.js';

// kafkajs has no manual partition assignment (a consumer always joins a group), but restoring a changelog
// partition needs exactly that: read partition P of a topic from offset O, outside any group. The public API
// cannot express it, so this module reaches kafkajs' internal Cluster (the object behind every client) and
// issues Fetch requests to the partition leader directly. Everything it relies on is named below; a kafkajs
// upgrade that changes these fails loudly in `internalCluster`, not silently.

interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  abortedTransactions?: unknown[];
  messages: (KafkaMessage & { isControlRecord?: boolean })[];
}

/** kafkajs' consumer Batch: drops records below the fetch offset, aborted transactions and control records. */
type BatchConstructor = new (
  topic: string,
  fetchedOffset: string,
  partitionData: FetchedPartition,
) => { messages: KafkaMessage[]; rawMessages: KafkaMessage[] };

const Batch = createRequire(import.meta.url)('kafkajs/src/consumer/batch.js') as BatchConstructor;

interface InternalBroker {
  fetch(request: {
    replicaId?: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{
    responses: {
      topicName: string;
      partitions: FetchedPartition[];
    }[];
  }>;
}

interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(query: { nodeId: number }): Promise<InternalBroker>;
}

type CreateCluster = (options: {
  allowAutoTopicCreation: boolean;
  isolationLevel: number;
}) => InternalCluster;

const READ_COMMITTED = 1;
const FETCH_MAX_BYTES = 8 * 1024 * 1024;

function internalCluster(kafka: Kafka): InternalCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  const create = symbol === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[symbol];
  if (typeof create !== 'function') {
    throw new Error(
      'this kafkajs version does not expose its cluster factory; the partition reader (changelog restore) ' +
        'was written against kafkajs 2.2',
    );
  }
  return (create as CreateCluster)({ allowAutoTopicCreation: false, isolationLevel: READ_COMMITTED });
}

/** Reads partitions by offset from their leaders, for changelog restoration. */
export class KafkaPartitionReader implements PartitionReader {
  private readonly cluster: InternalCluster;
  private connected: Promise<void> | undefined;
  private readonly knownTopics = new Set<string>();

  constructor(kafka: Kafka) {
    this.cluster = internalCluster(kafka);
  }

  async read(
    { topic, partition, offset }: TopicPartitionOffset,
    maxRecords: number,
  ): Promise<FetchedRecord[]> {
    await (this.connected ??= this.cluster.connect());
    if (!this.knownTopics.has(topic)) {
      await this.cluster.addTargetTopic(topic);
      this.knownTopics.add(topic);
    }
    const metadata = this.cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === partition);
    if (metadata === undefined) throw new Error(`partition ${topic}-${partition} does not exist`);
    const broker = await this.cluster.findBroker({ nodeId: metadata.leader });
    // A fetch may hold only aborted records or transaction markers; step past them rather than report the
    // end of the partition, which would cut a changelog restore short.
    for (let from = offset; ;) {
      const response = await broker.fetch({
        isolationLevel: READ_COMMITTED,
        maxWaitTime: 0,
        minBytes: 1,
        maxBytes: FETCH_MAX_BYTES,
        topics: [
          { topic, partitions: [{ partition, fetchOffset: String(from), maxBytes: FETCH_MAX_BYTES }] },
        ],
      });
      const result = response.responses.find((r) => r.topicName === topic)?.partitions[0];
      if (result === undefined) return [];
      if (result.errorCode !== 0) {
        throw new Error(
          `fetching ${topic}-${partition} at ${from} failed with Kafka error ${result.errorCode}`,
        );
      }
      const batch = new Batch(topic, String(from), result);
      if (batch.messages.length > 0) {
        return batch.messages
          .slice(0, maxRecords)
          .map((message) => fromKafkaMessage(topic, partition, message));
      }
      const last = batch.rawMessages.at(-1);
      const next = last === undefined ? from : Number(last.offset) + 1;
      if (next <= from || next >= Number(result.highWatermark)) return [];
      from = next;
    }
  }

  async close(): Promise<void> {
    if (this.connected !== undefined) await this.cluster.disconnect();
  }
}
