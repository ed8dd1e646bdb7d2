// The ceiling: a hand-written kafkajs consume → produce loop doing what the passthrough topology does
// (eachBatch, send the batch with acks=all, commit consumed offsets every second as the runtime is configured
// to), with nothing in between. A fetched batch can hold megabytes (kafkajs fetches up to 1 MiB per
// partition and more after), more than one produce request may carry (the broker's message.max.bytes, 1 MB by
// default): it is sent in chunks of at most CHUNK records, as the runtime's batches are bounded by
// maxPollRecords.

import { Kafka, logLevel, Partitioners } from 'kafkajs';

const COMMIT_INTERVAL_MS = 1000;
/** Records per produce request: 2000 like the runtime's maxPollRecords in the bench. */
const CHUNK = 2000;

export interface RawLoop {
  stop(): Promise<void>;
}

export async function startRawLoop(
  brokers: string[],
  input: string,
  output: string,
  groupId: string,
): Promise<RawLoop> {
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [input], fromBeginning: true });
  const pending = new Map<number, string>();
  let lastCommit = Date.now();
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch }) => {
      for (let from = 0; from < batch.messages.length; from += CHUNK) {
        await producer.send({
          topic: output,
          acks: -1,
          messages: batch.messages.slice(from, from + CHUNK).map((m) => ({
            key: m.key,
            value: m.value,
            timestamp: m.timestamp,
            headers: m.headers,
            partition: batch.partition,
          })),
        });
      }
      pending.set(batch.partition, String(Number(batch.lastOffset()) + 1));
      if (Date.now() - lastCommit >= COMMIT_INTERVAL_MS) {
        lastCommit = Date.now();
        const offsets = [...pending].map(([partition, offset]) => ({ topic: input, partition, offset }));
        pending.clear();
        await consumer.commitOffsets(offsets);
      }
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
