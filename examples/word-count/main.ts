// Runs Kafka's WordCountDemo continuously on the embedded cluster: produces a few lines, prints every count
// update as it reaches the output topic, then exits once the application has caught up. With --follow it keeps
// running and counts the lines typed on stdin (Ctrl-D or Ctrl-C to stop).
//
//   npx tsx examples/word-count/main.ts [--follow]

import { createInterface } from 'node:readline';
import {
  KafkaStreams,
  MemoryCluster,
  MemoryTransport,
  Serdes,
  type MetricsSnapshot,
} from '@topograph/runtime';
import { buildTopology, INPUT_TOPIC, OUTPUT_TOPIC } from './topology.js';

const LINES = ['all streams lead to kafka', 'hello kafka streams', 'join kafka summit'];
const follow = process.argv.includes('--follow');

const cluster = new MemoryCluster();
cluster.createTopic(INPUT_TOPIC, { partitions: 2 });
cluster.createTopic(OUTPUT_TOPIC, { partitions: 2 });

const streams = new KafkaStreams(buildTopology(), {
  applicationId: 'streams-wordcount',
  cluster,
  commitIntervalMs: 1000,
  metricsIntervalMs: 100,
});
streams.on('error', (error) => {
  console.error(`word count failed: ${error.message}`);
  process.exitCode = 1;
});

const latest = new Map<string, number>();
const printer = startPrinter();

console.log(`word count on the embedded cluster: ${INPUT_TOPIC} → ${OUTPUT_TOPIC}`);
await streams.start();
for (const line of LINES) produce(line);

if (follow) {
  console.log('type lines to count them (Ctrl-D or Ctrl-C to stop)');
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => produce(line));
  const interrupted = await new Promise<boolean>((resolve) => {
    input.on('close', () => resolve(false));
    process.once('SIGINT', () => resolve(true));
  });
  input.close();
  // At the end of input, count what was typed before stopping; Ctrl-C stops at once.
  if (!interrupted) await caughtUp();
} else {
  await caughtUp();
}

await streams.close();
await printer.stop();
const summary = [...latest].sort(([a], [b]) => a.localeCompare(b)).map(([word, count]) => `${word}=${count}`);
console.log(`final counts: ${summary.join(' ')}`);

function produce(line: string): void {
  console.log(`> ${line}`);
  cluster.produce(INPUT_TOPIC, [{ key: null, value: line }]);
}

/** Reads the output topic as its own consumer group and prints each update. */
function startPrinter(): { stop(): Promise<void> } {
  const consumer = new MemoryTransport(cluster).createConsumer({
    groupId: 'word-count-printer',
    topics: [OUTPUT_TOPIC],
    autoOffsetReset: 'earliest',
    maxPollRecords: 500,
    listener: { onPartitionsAssigned: async () => undefined, onPartitionsRevoked: async () => undefined },
  });
  let stopping = false;
  const keys = Serdes.string();
  const counts = Serdes.long();
  const loop = (async () => {
    await consumer.connect();
    while (!stopping) {
      for (const record of await consumer.poll(100)) {
        const word = keys.deserialize(record.key!, OUTPUT_TOPIC);
        const count = counts.deserialize(record.value!, OUTPUT_TOPIC);
        latest.set(word, count);
        console.log(`  ${word}: ${count}`);
      }
    }
    await consumer.close();
  })();
  return {
    async stop() {
      // Drain what is left, then stop.
      await waitUntil(() => printerCaughtUp(consumer.position.bind(consumer)));
      stopping = true;
      consumer.wakeup();
      await loop;
    },
  };
}

function printerCaughtUp(
  position: (tp: { topic: string; partition: number }) => number | undefined,
): boolean {
  for (let partition = 0; partition < cluster.partitionCount(OUTPUT_TOPIC); partition++) {
    const at = position({ topic: OUTPUT_TOPIC, partition });
    if (at === undefined || at < cluster.highWatermark(OUTPUT_TOPIC, partition)) return false;
  }
  return true;
}

/** Resolves once two consecutive metrics snapshots show no consumer lag on any source partition. */
function caughtUp(): Promise<void> {
  return new Promise((resolve) => {
    let idleSnapshots = 0;
    const onMetrics = (snapshot: MetricsSnapshot): void => {
      const idle = snapshot.sources.length > 0 && snapshot.sources.every((source) => source.lag === 0);
      idleSnapshots = idle ? idleSnapshots + 1 : 0;
      if (idleSnapshots >= 2) {
        streams.off('metrics', onMetrics);
        resolve();
      }
    };
    streams.on('metrics', onMetrics);
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
