// The three examples (word count, stock stats with suppressed windows, clickstream joins) over Kafka give the
// same output as in TopologyTestDriver for the same input. Topics have one partition, so one task sees every
// record in the order the driver does; the internal topics are created up front with the counts the plan
// needs, since the mock broker would auto-create them with 4 partitions.

import { afterAll, beforeAll, expect, it } from 'vitest';
import * as clickstream from '../../examples/clickstream/topology.js';
import * as stockStats from '../../examples/stock-stats/topology.js';
import * as wordCount from '../../examples/word-count/topology.js';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import type { Serde } from '../../runtime/src/serdes/serde.js';
import { Serdes } from '../../runtime/src/serdes/serdes.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import { planTopics } from '../../runtime/src/streams/topic-plan.js';
import { TopologyTestDriver } from '../../runtime/src/test-driver/topology-test-driver.js';
import type { Topology } from '../../runtime/src/topology/topology.js';
import { startTestBroker, uniqueName, type TestBroker } from './broker.js';
import { readTopic } from './topologies.js';

let broker: TestBroker;
let transport: KafkaTransport;

beforeAll(async () => {
  broker = await startTestBroker();
  transport = new KafkaTransport({
    brokers: broker.brokers,
    clientId: 'examples-test',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
});

afterAll(async () => {
  await transport?.close();
  await broker?.stop();
});

interface Input {
  readonly topic: string;
  readonly key: string;
  readonly value: unknown;
  readonly timestamp: number;
}

interface Example {
  readonly build: () => Topology;
  readonly serdes: Readonly<Record<string, Serde<unknown>>>;
  readonly output: string;
  /** Inputs in phases: each phase is produced once the previous one has been fully processed. */
  readonly phases: readonly (readonly Input[])[];
  /** Whether output order is fixed (one input topic) or only the set of records is (joins of two streams). */
  readonly ordered: boolean;
}

interface Output {
  readonly key: string | null;
  readonly value: unknown;
  readonly timestamp: number;
}

function viaTestDriver(example: Example): Output[] {
  const driver = new TopologyTestDriver(example.build());
  try {
    for (const input of example.phases.flat()) {
      driver
        .createInputTopic<string, unknown>(input.topic, {
          keySerde: Serdes.string(),
          valueSerde: example.serdes[input.topic]!,
        })
        .pipeInput(input.key, input.value, input.timestamp);
    }
    return driver
      .createOutputTopic<string, unknown>(example.output, {
        keySerde: Serdes.string(),
        valueSerde: example.serdes[example.output]!,
      })
      .readRecordsToList()
      .map(({ key, value, timestamp }) => ({ key, value, timestamp }));
  } finally {
    driver.close();
  }
}

async function viaKafka(example: Example, expectedCount: number): Promise<Output[]> {
  const applicationId = uniqueName('example');
  const topology = example.build();
  const external = new Set([...example.phases.flat().map((i) => i.topic), example.output]);
  for (const topic of external) await broker.createTopic(topic, 1);
  const plan = planTopics(topology, applicationId, new Map([...external].map((t) => [t, 1])), 1);
  for (const spec of plan.internalTopics) await broker.createTopic(spec.name, spec.partitions);

  // Every update is compared with TopologyTestDriver's, so no record cache (it would merge updates per key).
  const app = new KafkaStreams(topology, {
    applicationId,
    transport,
    commitIntervalMs: 200,
    pollMs: 20,
    cacheMaxBytes: 0,
  });
  await app.start();
  const producer = transport.createProducer();
  await producer.connect();
  const key = Serdes.string();
  const decodeOutput = (): Promise<Output[]> =>
    readTopic(transport, example.output).then((records) =>
      records.map((r) => ({
        key: r.key === null ? null : key.deserialize(r.key, example.output),
        value: r.value === null ? null : example.serdes[example.output]!.deserialize(r.value, example.output),
        timestamp: r.timestamp,
      })),
    );
  try {
    for (const phase of example.phases) {
      await producer.send(
        phase.map((input) => ({
          topic: input.topic,
          key: key.serialize(input.key, input.topic),
          value: example.serdes[input.topic]!.serialize(input.value, input.topic),
          timestamp: input.timestamp,
        })),
      );
      // Wait until this phase's input is consumed, so the next phase cannot overtake it.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const lag = app.metrics().sources.reduce((sum, s) => sum + s.lag, 0);
        const positions = app.metrics().sources.length;
        if (positions > 0 && lag === 0) {
          const offsets = await transport.offsets(
            app.metrics().sources.map(({ topic, partition }) => ({ topic, partition })),
          );
          const consumed = app
            .metrics()
            .sources.every(
              (s) =>
                s.position >=
                offsets.find((o) => o.topic === s.topic && o.partition === s.partition)!.highWatermark,
            );
          if (consumed) break;
        }
        if (Date.now() > deadline) throw new Error('input not consumed before the deadline');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const out = await decodeOutput();
      if (out.length >= expectedCount || Date.now() > deadline) return out;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await producer.close();
    await app.close();
  }
}

const sortOutputs = (outputs: Output[]): Output[] =>
  [...outputs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function expectSameAsTestDriver(example: Example): Promise<void> {
  const expected = viaTestDriver(example);
  expect(expected.length).toBeGreaterThan(0);
  const actual = await viaKafka(example, expected.length);
  if (example.ordered) expect(actual).toEqual(expected);
  else expect(sortOutputs(actual)).toEqual(sortOutputs(expected));
}

it('word count gives the same updates as TopologyTestDriver', async () => {
  const lines = ['all streams lead to kafka', 'hello kafka streams', 'join kafka summit', 'Kafka, kafka!'];
  await expectSameAsTestDriver({
    build: wordCount.buildTopology,
    serdes: { [wordCount.INPUT_TOPIC]: Serdes.string(), [wordCount.OUTPUT_TOPIC]: Serdes.long() } as Record<
      string,
      Serde<unknown>
    >,
    output: wordCount.OUTPUT_TOPIC,
    phases: [
      lines.map((value, i) => ({
        topic: wordCount.INPUT_TOPIC,
        key: `line-${i}`,
        value,
        timestamp: 1000 * i,
      })),
    ],
    ordered: true,
  });
}, 120_000);

it('stock stats emits the same closed windows as TopologyTestDriver', async () => {
  const trade = (ticker: string, price: number, timestamp: number): Input => ({
    topic: stockStats.TRADES_TOPIC,
    key: ticker,
    value: { ticker, price, volume: 100 },
    timestamp,
  });
  const { WINDOW_MS, GRACE_MS } = stockStats;
  await expectSameAsTestDriver({
    build: stockStats.buildTopology,
    serdes: { [stockStats.TRADES_TOPIC]: Serdes.json(), [stockStats.STATS_TOPIC]: Serdes.json() },
    output: stockStats.STATS_TOPIC,
    phases: [
      [
        trade('ACME', 10, 1_000),
        trade('INIT', 50, 2_000),
        trade('ACME', 14, 30_000),
        trade('ACME', 12, 59_999),
        trade('ACME', 20, WINDOW_MS + GRACE_MS),
        trade('INIT', 40, WINDOW_MS + 3_000), // late for nothing: the second minute is open
        trade('ACME', 9, 2 * WINDOW_MS + GRACE_MS + 1), // closes the second minute
      ],
    ],
    ordered: true,
  });
}, 120_000);

it('clickstream joins give the same results as TopologyTestDriver', async () => {
  const { CLICKS_TOPIC, USERS_TOPIC, SEARCHES_TOPIC, OUTPUT_TOPIC } = clickstream;
  const at = (topic: string, key: string, value: unknown, timestamp: number): Input => ({
    topic,
    key,
    value,
    timestamp,
  });
  await expectSameAsTestDriver({
    build: clickstream.buildTopology,
    serdes: {
      [CLICKS_TOPIC]: Serdes.json(),
      [USERS_TOPIC]: Serdes.json(),
      [SEARCHES_TOPIC]: Serdes.json(),
      [OUTPUT_TOPIC]: Serdes.json(),
    },
    output: OUTPUT_TOPIC,
    phases: [
      [
        at(USERS_TOPIC, 'ada', { name: 'Ada', country: 'UK' }, 0),
        at(USERS_TOPIC, 'lin', { name: 'Lin', country: 'SG' }, 0),
      ],
      [
        at(SEARCHES_TOPIC, 'ada', { query: 'kafka streams' }, 10_000),
        at(SEARCHES_TOPIC, 'lin', { query: 'pricing' }, 10_100),
        at(SEARCHES_TOPIC, 'ada', { query: 'too early' }, 1_000),
      ],
      [
        at(CLICKS_TOPIC, 'ada', { page: '/docs/streams' }, 10_400),
        at(CLICKS_TOPIC, 'lin', { page: '/pricing' }, 10_900),
        at(CLICKS_TOPIC, 'bob', { page: '/' }, 10_500), // no profile, no search: nothing
        at(CLICKS_TOPIC, 'ada', { page: '/blog' }, 12_000), // more than a second after the search
      ],
    ],
    ordered: false,
  });
}, 120_000);
