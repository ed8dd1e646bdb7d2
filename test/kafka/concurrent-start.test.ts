// Two instances of one application started at the same instant, as Kubernetes or systemd start replicas: both
// send CreateTopics for the internal topics, one of them gets TOPIC_ALREADY_EXISTS, and may not see the topic
// in its metadata yet. Both must still reach RUNNING and split the partitions. (On librdkafka's mock, which
// has no CreateTopics, both take the auto-creation path instead; runtime/src/kafka/topic-admin.test.ts covers
// the concurrent-creator answers one by one.)

import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import { startTestBroker, uniqueName, type TestBroker } from './broker.js';
import { expectedCounts, lastCounts, readTopic, sampleLines, wordCountTopology } from './topologies.js';
import { produceLines } from './workers.js';

let broker: TestBroker;
const transports: KafkaTransport[] = [];
const apps: KafkaStreams[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const transport of transports) await transport.close();
  await broker?.stop();
});

function transport(clientId: string): KafkaTransport {
  const t = new KafkaTransport({ brokers: broker.brokers, clientId });
  transports.push(t);
  return t;
}

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('two instances started at the same instant both reach RUNNING and split the partitions', async () => {
  const input = uniqueName('together-text');
  const output = uniqueName('together-counts');
  const applicationId = uniqueName('together-app');
  await broker.createTopic(input, 4);
  await broker.createTopic(output, 4);
  const lines = sampleLines(300, 5);
  const feeder = transport('together-feeder');
  const producer = feeder.createProducer();
  await producer.connect();
  await produceLines(producer, input, lines, 0);
  await producer.close();

  const instance = (clientId: string): KafkaStreams => {
    const app = new KafkaStreams(wordCountTopology(input, output), {
      applicationId,
      clientId,
      transport: transport(clientId),
      commitIntervalMs: 100,
      metricsIntervalMs: 200,
    });
    apps.push(app);
    return app;
  };
  const [a, b] = [instance('together-a'), instance('together-b')];
  const errors: Error[] = [];
  for (const app of [a, b]) app.on('error', (error) => errors.push(error));
  await Promise.all([a.start(), b.start()]);

  const owned = (app: KafkaStreams): number[] =>
    app
      .metrics()
      .sources.filter((s) => s.topic === input)
      .map((s) => s.partition);
  await until(
    'both RUNNING with two input partitions each',
    () => a.state === 'RUNNING' && b.state === 'RUNNING' && owned(a).length === 2 && owned(b).length === 2,
  );
  expect([...owned(a), ...owned(b)].sort()).toEqual([0, 1, 2, 3]);
  const expected = expectedCounts(lines);
  await until('complete counts', async () => {
    const counts = lastCounts(await readTopic(feeder, output));
    return [...expected].every(([word, n]) => (counts.get(word) ?? 0) >= n);
  });
  expect(errors).toEqual([]);
}, 180_000);
