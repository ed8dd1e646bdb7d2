// The record cache (statestore.cache.max.bytes). KafkaStreams cases ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/integration/KStreamAggregationDedupIntegrationTest.java
// (shouldReduce: 10 MiB cache; the two batches are processed before any commit, so only the last update per key
// leaves). The embedded cluster stands in for EmbeddedKafkaCluster, with one partition so the output order is
// fixed, and a frozen clock so that only the shutdown commit flushes (Kafka's test gets there by timing).
// TopologyTestDriver cases follow Kafka's driver, which commits after every record (TopologyTestDriver javadoc).
import { afterEach, describe, expect, it } from 'vitest';
import {
  KafkaStreams,
  MemoryCluster,
  Serdes,
  StreamsBuilder,
  TimeWindows,
  TopologyTestDriver,
  type Materialized,
  type Topology,
} from '../../runtime/src/index.js';
import { kvt } from './support.js';

const decoder = new TextDecoder();
const running: KafkaStreams[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

function produceMessages(cluster: MemoryCluster, topic: string, timestamp: number): void {
  const int = (n: number): Uint8Array => Serdes.long().serialize(n, topic);
  cluster.produce(
    topic,
    ['A', 'B', 'C', 'D', 'E'].map((value, i) => ({ key: int(i + 1), value, timestamp, partition: 0 })),
  );
}

function reduceTopology(materialized: Materialized<string, string>): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<number, string>('stream-one', { keySerde: Serdes.long(), valueSerde: Serdes.string() })
    .groupBy((_k, v) => v, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .reduce((value1, value2) => `${value1}:${value2}`, { name: 'reduce', ...materialized })
    .toStream()
    .to('output', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return builder.build();
}

/** Runs `topology` until the reduce node has seen every record, then closes (the shutdown commit flushes). */
async function runToCompletion(
  topology: Topology,
  cacheMaxBytes: number | undefined,
  batches: readonly number[] = [1_000, 2_000],
  changelogTopic = 'dedup-reduce-by-key-changelog',
): Promise<{ output: { key: string; value: string; timestamp: number }[]; changelog: number }> {
  const cluster = new MemoryCluster();
  cluster.createTopic('stream-one');
  cluster.createTopic('output');
  for (const timestamp of batches) produceMessages(cluster, 'stream-one', timestamp);
  const app = new KafkaStreams(topology, {
    applicationId: 'dedup',
    cluster,
    pollMs: 5,
    now: () => 0, // no commit interval ever elapses
    ...(cacheMaxBytes === undefined ? {} : { cacheMaxBytes }),
  });
  running.push(app);
  let failure: Error | undefined;
  app.on('error', (e) => (failure = e));
  await app.start();
  while (app.metrics().nodes.find((n) => n.name === 'reduce')?.recordsIn !== 5 * batches.length) {
    if (failure) throw failure;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await app.close();
  const output = cluster.fetch('output', 0, 0, 1000).map((r) => {
    const value =
      r.value!.length === 8
        ? String(Serdes.long().deserialize(r.value!, 'output'))
        : decoder.decode(r.value!);
    return kvt(decoder.decode(r.key!), value, r.timestamp);
  });
  const changelog = cluster.highWatermark(changelogTopic, 0);
  return { output, changelog };
}

describe('KStreamAggregationDedupIntegrationTest', () => {
  it('shouldReduce: with the default 10 MiB cache, one update per key leaves at the commit', async () => {
    const { output, changelog } = await runToCompletion(
      reduceTopology({ storeName: 'reduce-by-key' }),
      undefined,
    );
    expect(output).toEqual([
      kvt('A', 'A:A', 2_000),
      kvt('B', 'B:B', 2_000),
      kvt('C', 'C:C', 2_000),
      kvt('D', 'D:D', 2_000),
      kvt('E', 'E:E', 2_000),
    ]);
    // The changelog is written at the flush too: one record per key.
    expect(changelog).toBe(5);
  });

  it('cacheMaxBytes 0 forwards (and logs) every update, as before the cache', async () => {
    const { output, changelog } = await runToCompletion(reduceTopology({ storeName: 'reduce-by-key' }), 0);
    expect(output.map((r) => `${r.key}=${r.value}`)).toEqual([
      'A=A',
      'B=B',
      'C=C',
      'D=D',
      'E=E',
      'A=A:A',
      'B=B:B',
      'C=C:C',
      'D=D:D',
      'E=E:E',
    ]);
    expect(changelog).toBe(10);
  });

  it('cachingEnabled: false (Materialized#withCachingDisabled) opts one store out of the cache', async () => {
    const { output } = await runToCompletion(
      reduceTopology({ storeName: 'reduce-by-key', cachingEnabled: false }),
      undefined,
    );
    expect(output).toHaveLength(10);
  });

  it('shouldReduceWindowed: one update per window', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream<number, string>('stream-one', { keySerde: Serdes.long(), valueSerde: Serdes.string() })
      .groupBy((_k, v) => v, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .windowedBy(TimeWindows.ofSizeAndGrace(500, 60_000))
      .reduce((value1, value2) => `${value1}:${value2}`, { name: 'reduce', storeName: 'reduce-time-windows' })
      .toStream()
      .map((windowedKey, value) => ({ key: `${windowedKey.key}@${windowedKey.window.start}`, value }))
      .to('output', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
    const firstBatch = 1_000;
    const secondBatch = 2_000;
    const { output, changelog } = await runToCompletion(
      builder.build(),
      undefined,
      [firstBatch, secondBatch, secondBatch],
      'dedup-reduce-time-windows-changelog',
    );
    // Kafka's test sorts the received records by key; here they leave in the cache's order (of last writes).
    const sorted = [...output].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    expect(sorted).toEqual(
      ['A', 'B', 'C', 'D', 'E'].flatMap((v) => [
        kvt(`${v}@${firstBatch}`, v, firstBatch),
        kvt(`${v}@${secondBatch}`, `${v}:${v}`, secondBatch),
      ]),
    );
    expect(changelog).toBe(10);
  });

  it('shouldGroupByKey: windowed count, one update per window', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream<number, string>('stream-one', { keySerde: Serdes.long(), valueSerde: Serdes.string() })
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(500))
      .count({ name: 'reduce', storeName: 'count-windows' })
      .toStream()
      .map((windowedKey, value) => ({ key: `${windowedKey.key}@${windowedKey.window.start}`, value }))
      .to('output', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    const timestamp = 1_000;
    const { output, changelog } = await runToCompletion(
      builder.build(),
      undefined,
      [timestamp, timestamp],
      'dedup-count-windows-changelog',
    );
    expect(output).toEqual([1, 2, 3, 4, 5].map((n) => kvt(`${n}@${timestamp}`, '2', timestamp)));
    expect(changelog).toBe(5);
  });

  it('describe() does not depend on caching', () => {
    const cached = reduceTopology({ storeName: 'reduce-by-key' }).describe().toString();
    expect(reduceTopology({ storeName: 'reduce-by-key', cachingEnabled: false }).describe().toString()).toBe(
      cached,
    );
  });
});

describe('TopologyTestDriver with cacheMaxBytes (commits after every record, as Kafka’s driver)', () => {
  const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
  function counts(cacheMaxBytes: number | undefined): string[] {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('in', strings)
      .flatMapValues((line) => line.split(' '))
      .groupByKey()
      .count({ storeName: 'counts' })
      .toStream()
      .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    const driver = new TopologyTestDriver(
      builder.build(),
      cacheMaxBytes === undefined ? {} : { cacheMaxBytes },
    );
    const input = driver.createInputTopic('in', strings);
    input.pipeInput('k', 'a b c', 1);
    input.pipeInput('k', 'd', 2);
    const out = driver.createOutputTopic('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    const records = out.readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`);
    expect(driver.getKeyValueStore<string, number>('counts')?.get('k')).toBe(4);
    return records;
  }

  it('without a cache (the default) every update is forwarded', () => {
    expect(counts(undefined)).toEqual(['k=1@1', 'k=2@1', 'k=3@1', 'k=4@2']);
  });

  it('with a cache, the updates one record makes to a key leave once, after the record', () => {
    expect(counts(10 * 1024 * 1024)).toEqual(['k=3@1', 'k=4@2']);
  });
});
