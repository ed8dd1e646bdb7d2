// Reads the latest records of a topic on Kafka by offset, outside any consumer group (a peek must not join
// a group: a join takes seconds and would show up as a member of the application). Uses the runtime's own
// kafkajs transport, which the session has loaded anyway.
import { createKafkaTransport } from '@topograph/runtime/kafka';
import type { TopicRecord } from '@topograph/api';
import type { KafkaConnection } from '../profiles.js';

export type DecodeBytes = (bytes: Uint8Array | null, part: 'key' | 'value') => unknown;

export async function readLatest(
  connection: KafkaConnection,
  topic: string,
  limit: number,
  decode: DecodeBytes,
): Promise<TopicRecord[]> {
  const transport = createKafkaTransport({
    brokers: connection.brokers,
    clientId: 'topograph-topic-reader',
    ssl: connection.ssl,
    ...(connection.sasl ? { sasl: { ...connection.sasl } as never } : {}),
  });
  const reader = transport.createReader({});
  try {
    const partitions = (await transport.partitionCounts([topic])).get(topic);
    if (partitions === undefined) throw new Error(`no topic "${topic}" on ${connection.brokers.join(',')}`);
    const offsets = await transport.offsets(
      Array.from({ length: partitions }, (_, partition) => ({ topic, partition })),
    );
    const out: TopicRecord[] = [];
    for (const o of offsets) {
      const from = Math.max(o.logStartOffset, o.highWatermark - limit);
      if (from >= o.highWatermark) continue;
      for (const r of await reader.read({ topic, partition: o.partition, offset: from }, limit))
        out.push({
          topic,
          partition: r.partition,
          offset: r.offset,
          timestamp: r.timestamp,
          key: decode(r.key, 'key'),
          value: decode(r.value, 'value'),
        });
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || (a.offset ?? 0) - (b.offset ?? 0)).slice(-limit);
  } finally {
    await reader.close();
    await transport.close();
  }
}
