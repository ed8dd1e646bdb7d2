import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { TopicInfo, TopicRecord } from '@topograph/api';
import type { KafkaConnection } from './profiles.js';

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

/** The latest `limit` records of each partition, read without joining a consumer group's offsets. */
export async function peekTopic(
  connection: KafkaConnection,
  topic: string,
  limit: number,
): Promise<TopicRecord[]> {
  const kafka = client(connection);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const wanted = offsets
    .map((o) => ({
      partition: o.partition,
      from: Math.max(Number(o.low), Number(o.high) - limit),
      high: Number(o.high),
    }))
    .filter((o) => o.high > o.from);
  if (wanted.length === 0) return [];
  const consumer = kafka.consumer({ groupId: `topograph-peek-${Date.now()}` });
  const out: TopicRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic] });
    const remaining = new Map(wanted.map((w) => [w.partition, w.high]));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 5000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const offset = Number(message.offset);
            out.push({
              topic,
              partition,
              offset,
              timestamp: Number(message.timestamp),
              key: message.key?.toString('utf8') ?? null,
              value: message.value?.toString('utf8') ?? null,
            });
            if (offset + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      for (const w of wanted) consumer.seek({ topic, partition: w.partition, offset: String(w.from) });
    });
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.timestamp - b.timestamp).slice(-limit);
}
