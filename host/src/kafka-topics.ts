// The runtime's Kafka entry first: its kafkajs fixes (the read-committed filter) go in before kafkajs loads.
import { KafkaTransport } from '@topograph/runtime/kafka';
import { logLevel } from 'kafkajs';
import type { TopicInfo, TopicRecord } from '@topograph/api';
import { kafkaClientSettings } from './kafka-connection.js';
import type { KafkaConnection } from './profiles.js';
import { readLatest } from './sessions/kafka-topic-reader.js';

/** Topic names and partition counts, internal topics (`__consumer_offsets`) left out. */
export async function listTopics(connection: KafkaConnection): Promise<TopicInfo[]> {
  // The runtime's client, quiet and quick to give up: the topic browser is waited on by someone.
  const transport = new KafkaTransport({
    ...kafkaClientSettings(connection),
    clientId: 'topograph-topic-browser',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5000,
    retry: { retries: 2 },
  });
  const admin = transport.kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata();
    return topics
      .filter((t) => !t.name.startsWith('__'))
      .map((t) => ({ name: t.name, partitions: t.partitions.length }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await admin.disconnect();
    await transport.close();
  }
}

const utf8 = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString('utf8');

/** The latest `limit` records of a topic as UTF-8 text, read by offset outside any consumer group. */
export function peekTopic(connection: KafkaConnection, topic: string, limit: number): Promise<TopicRecord[]> {
  return readLatest(connection, topic, limit, utf8);
}
