// KafkaStreams end to end over the kafkajs transport: results equal the embedded cluster's and a direct
// computation; a restarted instance restores its state from the changelog; malformed records reach the
// dead-letter topic with headers while the records around them keep flowing.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../../runtime/src/cluster/memory-cluster.js';
import { DeserializationHandlers } from '../../runtime/src/errors/deserialization-handler.js';
import { ProcessingHandlers } from '../../runtime/src/errors/processing-handler.js';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import type { MetricsSnapshot } from '../../runtime/src/metrics/snapshot.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import { MemoryTransport } from '../../runtime/src/streams/memory-transport.js';
import type {
  PartitionReader,
  StreamsTransport,
  TopicPartitionOffset,
} from '../../runtime/src/streams/transport.js';
import type { Topology } from '../../runtime/src/topology/topology.js';
import { startTestBroker, uniqueName, type TestBroker } from './broker.js';
import {
  expectedCounts,
  largeOrdersTopology,
  latestCounts,
  readTopic,
  sampleLines,
  wordCountTopology,
} from './topologies.js';

let broker: TestBroker;
let transport: KafkaTransport;
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array | null | string | undefined): string =>
  b === null || b === undefined ? '' : typeof b === 'string' ? b : new TextDecoder().decode(b);

beforeAll(async () => {
  broker = await startTestBroker();
  // librdkafka's mock holds a rejoin for the departed member's session timeout, so keep it short here.
  transport = new KafkaTransport({
    brokers: broker.brokers,
    clientId: 'streams-test',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
});

afterAll(async () => {
  await transport?.close();
  await broker?.stop();
});

async function produceLines(
  target: StreamsTransport,
  topic: string,
  lines: readonly string[],
): Promise<void> {
  const producer = target.createProducer({});
  await producer.connect();
  await producer.send(
    lines.map((line, i) => ({ topic, key: encode(`line-${i}`), value: encode(line), timestamp: 1_000 + i })),
  );
  await producer.close();
}

async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value, replacer)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

function sameCounts(expected: Map<string, number>) {
  return (actual: Map<string, number>): boolean =>
    actual.size === expected.size && [...expected].every(([word, count]) => actual.get(word) === count);
}

/** Runs a topology on the embedded cluster with the same input, for comparison. */
async function runInMemory(
  topology: (input: string, output: string) => Topology,
  lines: readonly string[],
  expected: Map<string, number>,
): Promise<Map<string, number>> {
  const cluster = new MemoryCluster();
  cluster.createTopic('text', { partitions: 4 });
  cluster.createTopic('counts', { partitions: 4 });
  const memory = new MemoryTransport(cluster);
  await produceLines(memory, 'text', lines);
  const app = new KafkaStreams(topology('text', 'counts'), {
    applicationId: 'in-memory',
    cluster,
    commitIntervalMs: 50,
    pollMs: 10,
  });
  await app.start();
  try {
    return await eventually(
      'in-memory counts',
      async () => latestCounts(await readTopic(memory, 'counts')),
      sameCounts(expected),
      20_000,
    );
  } finally {
    await app.close();
  }
}

describe('KafkaStreams over Kafka', () => {
  it('counts words like the embedded cluster, and a restarted instance restores state from the changelog', async () => {
    const input = uniqueName('text');
    const output = uniqueName('counts');
    const applicationId = uniqueName('wordcount');
    await broker.createTopic(input, 4);
    await broker.createTopic(output, 4);
    const lines = sampleLines(300);
    const expected = expectedCounts(lines);
    await produceLines(transport, input, lines);

    const config = { applicationId, transport, commitIntervalMs: 200, pollMs: 50 } as const;
    const first = new KafkaStreams(wordCountTopology(input, output), config);
    await first.start();
    const counts = await eventually(
      'word counts',
      async () => latestCounts(await readTopic(transport, output)),
      sameCounts(expected),
    );
    expect(counts).toEqual(await runInMemory(wordCountTopology, lines, expected));
    expect(first.store<string, number>('counts').get('kafka')).toBe(expected.get('kafka'));

    const internal = await transport.partitionCounts([
      `${applicationId}-words-repartition`,
      `${applicationId}-counts-changelog`,
    ]);
    expect([...internal.values()]).toEqual([4, 4]);
    const changelog = await readTopic(transport, `${applicationId}-counts-changelog`);
    expect(changelog.length).toBeGreaterThan(0);
    await first.close();

    // A new instance has empty in-memory stores: correct totals after more input prove the restore.
    const more = sampleLines(100, 7);
    await produceLines(transport, input, more);
    const second = new KafkaStreams(wordCountTopology(input, output), config);
    await second.start();
    const all = expectedCounts([...lines, ...more]);
    await eventually(
      'counts after restart',
      async () => latestCounts(await readTopic(transport, output)),
      sameCounts(all),
    );
    expect(second.store<string, number>('counts').get('kafka')).toBe(all.get('kafka'));
    await second.close();
  }, 120_000);

  it('with a stateDir, a restart restores only the changelog tail and a wiped state dir restores it all', async () => {
    const input = uniqueName('text');
    const output = uniqueName('counts');
    const applicationId = uniqueName('wordcount-disk');
    const changelog = `${applicationId}-counts-changelog`;
    await broker.createTopic(input, 4);
    await broker.createTopic(output, 4);
    const stateDir = await mkdtemp(join(tmpdir(), 'topograph-kafka-state-'));
    // Counts the changelog records read back, that is, restored.
    let restored = 0;
    const counting = Object.assign(Object.create(transport) as KafkaTransport, {
      createReader: (): PartitionReader => {
        const reader = transport.createReader();
        return {
          read: async (partition: TopicPartitionOffset, max: number) => {
            const records = await reader.read(partition, max);
            if (partition.topic === changelog) restored += records.length;
            return records;
          },
          close: () => reader.close(),
        };
      },
    });
    const config = {
      applicationId,
      transport: counting,
      stateDir,
      commitIntervalMs: 200,
      pollMs: 50,
    } as const;
    const runUntil = async (lines: readonly string[]): Promise<KafkaStreams> => {
      restored = 0;
      const app = new KafkaStreams(wordCountTopology(input, output), config);
      await app.start();
      const expected = expectedCounts(lines);
      await eventually(
        'word counts',
        async () => latestCounts(await readTopic(transport, output)),
        sameCounts(expected),
      );
      expect(app.store<string, number>('counts').get('kafka')).toBe(expected.get('kafka'));
      return app;
    };
    try {
      const lines = sampleLines(200);
      await produceLines(transport, input, lines);
      await (await runUntil(lines)).close();
      const changelogAfterFirst = (await readTopic(transport, changelog)).length;
      expect(changelogAfterFirst).toBeGreaterThan(0);

      // Restart on the same state dir: the checkpoint covers the whole changelog, nothing is read back.
      const more = [...lines, ...sampleLines(50, 3)];
      await produceLines(transport, input, more.slice(lines.length));
      const second = await runUntil(more);
      expect(restored).toBe(0);
      await second.close();

      // Wiped: the stores come back from the changelog alone, and later counts build on them correctly.
      await rm(stateDir, { recursive: true, force: true });
      const all = [...more, ...sampleLines(50, 11)];
      const changelogBeforeWipeRestart = (await readTopic(transport, changelog)).length;
      await produceLines(transport, input, all.slice(more.length));
      const third = await runUntil(all);
      expect(restored).toBe(changelogBeforeWipeRestart);
      await third.close();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('sends bad JSON and records that make a lambda throw to the dead-letter topic, with headers, and keeps processing the rest', async () => {
    const input = uniqueName('orders');
    const output = uniqueName('large-orders');
    const deadLetters = uniqueName('orders-dlq');
    await broker.createTopic(input, 4);
    await broker.createTopic(output, 4);
    await broker.createTopic(deadLetters, 1);
    const values = [
      '{"id":"a","amount":150}',
      '{"id":"b", amount: oops',
      '{"id":"c","amount":50}',
      '{"id":"d","amount":"lots"}',
      '{"id":"e","amount":300}',
    ];
    const producer = transport.createProducer();
    await producer.connect();
    // One key, so all land on one partition in this order: the bad records sit between good ones.
    const acks = await producer.send(
      values.map((value, i) => ({
        topic: input,
        key: encode('k'),
        value: encode(value),
        timestamp: 5_000 + i,
        headers: new Map([['trace-id', `t${i}`]]),
      })),
    );
    await producer.close();

    const app = new KafkaStreams(largeOrdersTopology(input, output), {
      applicationId: uniqueName('orders-app'),
      brokers: broker.brokers,
      commitIntervalMs: 200,
      pollMs: 50,
      deserializationExceptionHandler: DeserializationHandlers.deadLetter(deadLetters),
      processingExceptionHandler: ProcessingHandlers.deadLetter(deadLetters),
    });
    const snapshots: MetricsSnapshot[] = [];
    app.on('metrics', (snapshot) => snapshots.push(snapshot));
    await app.start();
    const out = await eventually(
      'large orders',
      () => readTopic(transport, output),
      (r) => r.length >= 2,
    );
    expect(out.map((r) => [decode(r.key), decode(r.value)]).sort()).toEqual([
      ['a', '150.00'],
      ['e', '300.00'],
    ]);
    const dead = await eventually(
      'dead letters',
      () => readTopic(transport, deadLetters),
      (r) => r.length >= 2,
    );
    // The original records, byte for byte, with the input's own headers kept.
    expect(dead.map((r) => [decode(r.key), decode(r.value)])).toEqual([
      ['k', values[1]],
      ['k', values[3]],
    ]);
    const [badJson, wrongShape] = dead;
    const header = (r: typeof badJson, name: string): string =>
      decode(r!.headers.get(`__streams.errors.${name}`));
    expect(decode(badJson!.headers.get('trace-id'))).toBe('t1');
    expect(header(badJson, 'stage')).toBe('deserialization');
    expect(header(badJson, 'processor.node')).toBe('orders');
    expect(header(badJson, 'exception')).toBe('SerdeError');
    expect(header(badJson, 'message')).toMatch(/JSON/);
    expect(header(badJson, 'topic')).toBe(input);
    expect(header(badJson, 'partition')).toBe(String(acks[1]!.partition));
    expect(header(badJson, 'offset')).toBe(String(acks[1]!.offset));

    expect(decode(wrongShape!.headers.get('trace-id'))).toBe('t3');
    expect(header(wrongShape, 'stage')).toBe('processing');
    expect(header(wrongShape, 'processor.node')).toBe('format-amount');
    expect(header(wrongShape, 'exception')).toBe('TypeError');
    expect(header(wrongShape, 'message')).toMatch(/toFixed/);
    expect(header(wrongShape, 'stacktrace')).toMatch(/TypeError/);
    expect(header(wrongShape, 'topic')).toBe(input);
    expect(header(wrongShape, 'partition')).toBe(String(acks[3]!.partition));
    expect(header(wrongShape, 'offset')).toBe(String(acks[3]!.offset));

    // Each snapshot reports produce round trips since the previous one, so keep them all.
    snapshots.push(app.metrics());
    const latest = snapshots[snapshots.length - 1]!;
    const errors = (name: string): number | undefined => latest.nodes.find((n) => n.name === name)?.errors;
    expect(errors('orders')).toBe(1);
    expect(errors('format-amount')).toBe(1);
    // Two good records and two dead letters were produced and acknowledged, over however many intervals.
    const produce = snapshots.map((m) => m.produce);
    expect(produce.reduce((sum, p) => sum + (p?.records ?? 0), 0)).toBeGreaterThanOrEqual(4);
    expect(produce.some((p) => p !== undefined && p.meanMs !== null && p.meanMs > 0)).toBe(true);
    expect(app.state).toBe('RUNNING');
    await app.close();
  }, 60_000);
});
