// First: the runtime's kafkajs fixes (its read-committed filter) must be in place before kafkajs loads.
import '@topograph/runtime/kafka';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { TopicInfo, TopicRecord } from '@topograph/api';
import type { KafkaConnection } from './profiles.js';
import { readLatest } from './sessions/kafka-topic-reader.js';

function client(connection: KafkaConnection): Kafka {
  const sasl: SASLOptions | undefined = connection.sasl ? ({ ...connection.sasl } as SASLOptions) : undefined;
  return new Kafka({
    clientId: 'topograph-topic-browser',
    brokers: connection.brokers,
    ssl: connection.ssl,
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5000,
    retry: { retries: 2 },
  });
}

/** Topic names and partition counts, internal topics (`__consumer_offsets`) left out. */
export async function listTopics(connection: KafkaConnection): Promise<TopicInfo[]> {
  const admin = client(connection).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata();
    return topics
      .filter((t) => !t.name.startsWith('__'))
      .map((t) => ({ name: t.name, partitions: t.partitions.length }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await admin.disconnect();
  }
}

const utf8 = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString('utf8');

/** The latest `limit` records of a topic as UTF-8 text, read by offset outside any consumer group. */
export function peekTopic(connection: KafkaConnection, topic: string, limit: number): Promise<TopicRecord[]> {
  return readLatest(connection, topic, limit, utf8);
}
