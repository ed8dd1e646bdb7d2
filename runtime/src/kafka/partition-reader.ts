import type { Kafka, KafkaMessage } from 'kafkajs';
import type { FetchedRecord, PartitionReader, TopicPartitionOffset } from '../streams/transport.js';
import { fromKafkaMessage } from './records.js';

// kafkajs has no manual partition assignment (a consumer always joins a group), but restoring a changelog
// partition needs exactly that: read partition P of a topic from offset O, outside any group. The public API
// cannot express it, so this module reaches kafkajs' internal Cluster (the object behind every client) and
// issues Fetch requests to the partition leader directly. Everything it relies on is named below; a kafkajs
// upgrade that changes these fails loudly in `internalCluster`, not silently.

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
      partitions: {
        partition: number;
        errorCode: number;
        highWatermark: string;
        messages: (KafkaMessage & { isControlRecord?: boolean })[];
      }[];
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
    const response = await broker.fetch({
      isolationLevel: READ_COMMITTED,
      maxWaitTime: 0,
      minBytes: 1,
      maxBytes: FETCH_MAX_BYTES,
      topics: [
        { topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes: FETCH_MAX_BYTES }] },
      ],
    });
    const result = response.responses.find((r) => r.topicName === topic)?.partitions[0];
    if (result === undefined) return [];
    if (result.errorCode !== 0) {
      throw new Error(
        `fetching ${topic}-${partition} at ${offset} failed with Kafka error ${result.errorCode}`,
      );
    }
    const out: FetchedRecord[] = [];
    for (const message of result.messages) {
      // A fetch returns whole record batches, which may start before the requested offset; control records
      // (transaction markers) are not data.
      if (message.isControlRecord === true || Number(message.offset) < offset) continue;
      out.push(fromKafkaMessage(topic, partition, message));
      if (out.length >= maxRecords) break;
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.connected !== undefined) await this.cluster.disconnect();
  }
}
