import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import type { MetricsSnapshot } from '../metrics/snapshot.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import type { KeyValueStore } from '../state/key-value-store.js';
import { Stores } from '../state/stores.js';
import { Topology } from '../topology/topology.js';
import { KafkaStreams } from './kafka-streams.js';
import type { KafkaStreamsState } from './state.js';

const decoder = new TextDecoder();

/**
 * Word count with the Processor API, in two sub-topologies joined by a repartition topic, as the DSL's
 * groupBy builds it: split lines into words keyed by word → repartition → count in a logged store.
 */
function wordCountTopology(): Topology {
  const topology = new Topology();
  topology.internalBuilder.addInternalTopic('words-repartition');
  topology
    .addSource('lines', 'text', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .addProcessor<string | null, string, string, string>(
      'split',
      () => {
        let context: ProcessorContext<string, string>;
        return {
          init: (c) => void (context = c),
          process: (record) => {
            for (const word of record.value.toLowerCase().split(/\W+/)) {
              if (word.length > 0) context.forward({ ...record, key: word, value: word });
            }
          },
        };
      },
      'lines',
    )
    .addSink(
      'to-repartition',
      'words-repartition',
      { keySerde: Serdes.string(), valueSerde: Serdes.string() },
      'split',
    )
    .addSource('from-repartition', 'words-repartition', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.string(),
    })
    .addProcessor<string, string, string, number>(
      'count',
      () => {
        let context: ProcessorContext<string, number>;
        let store: KeyValueStore<string, number>;
        return {
          init: (c) => {
            context = c;
            store = c.getStateStore<KeyValueStore<string, number>>('counts-store');
          },
          process: (record) => {
            const count = (store.get(record.key) ?? 0) + 1;
            store.put(record.key, count);
            context.forward({ ...record, value: count });
          },
        };
      },
      'from-repartition',
    )
    .addStateStore(
      Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore('counts-store'),
        Serdes.string(),
        Serdes.long(),
      ),
      'count',
    )
    .addSink('to-counts', 'counts', { keySerde: Serdes.string(), valueSerde: Serdes.long() }, 'count');
  return topology;
}

function setupCluster(partitions = 2): MemoryCluster {
  const cluster = new MemoryCluster();
  cluster.createTopic('text', { partitions });
  cluster.createTopic('counts', { partitions });
  return cluster;
}

/** Every (word, count) written to `counts`, per partition in offset order. */
function readCounts(cluster: MemoryCluster): { word: string; count: number }[] {
  const out: { word: string; count: number }[] = [];
  for (let p = 0; p < cluster.partitionCount('counts'); p++) {
    for (const record of cluster.fetch('counts', p, cluster.logStartOffset('counts', p), 1_000_000)) {
      out.push({
        word: decoder.decode(record.key!),
        count: Number(new DataView(record.value!.buffer, record.value!.byteOffset).getBigInt64(0)),
      });
    }
  }
  return out;
}

function latestCounts(cluster: MemoryCluster): Map<string, number> {
  const latest = new Map<string, number>();
  for (const { word, count } of readCounts(cluster)) latest.set(word, Math.max(count, latest.get(word) ?? 0));
  return latest;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const running: KafkaStreams[] = [];

function streams(
  cluster: MemoryCluster,
  options: { applicationId?: string; commitIntervalMs?: number } = {},
) {
  const instance = new KafkaStreams(wordCountTopology(), {
    applicationId: options.applicationId ?? 'wordcount',
    cluster,
    commitIntervalMs: options.commitIntervalMs ?? 50,
    metricsIntervalMs: 20,
    pollMs: 10,
  });
  running.push(instance);
  return instance;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('KafkaStreams on MemoryCluster', () => {
  it('counts words end to end through a repartition topic and a logged store', async () => {
    const cluster = setupCluster();
    const app = streams(cluster);
    const states: KafkaStreamsState[] = [];
    app.on('stateChange', (next) => states.push(next));
    await app.start();
    cluster.produce('text', [
      { key: 'a', value: 'Hello Kafka Streams' },
      { key: 'b', value: 'All streams lead to Kafka' },
      { key: 'c', value: 'Join Kafka Summit' },
    ]);
    await waitFor('word counts', () => latestCounts(cluster).get('kafka') === 3);
    expect(Object.fromEntries(latestCounts(cluster))).toEqual({
      hello: 1,
      kafka: 3,
      streams: 2,
      all: 1,
      lead: 1,
      to: 1,
      join: 1,
      summit: 1,
    });
    expect(states).toContain('RUNNING');
    expect(app.state).toBe('RUNNING');

    expect(cluster.listTopics()).toEqual(
      expect.arrayContaining(['wordcount-words-repartition', 'wordcount-counts-store-changelog']),
    );
    expect(cluster.describeTopic('wordcount-words-repartition')?.partitions).toBe(2);
    expect(cluster.describeTopic('wordcount-counts-store-changelog')?.config.cleanupPolicy).toBe('compact');
    // Consumed and committed repartition records are purged, as Kafka Streams does.
    await waitFor('the repartition topic to be purged', () =>
      [0, 1].every(
        (p) =>
          cluster.logStartOffset('wordcount-words-repartition', p) ===
          cluster.highWatermark('wordcount-words-repartition', p),
      ),
    );
    expect(
      cluster.highWatermark('wordcount-words-repartition', 0) +
        cluster.highWatermark('wordcount-words-repartition', 1),
    ).toBe(11);

    const store = app.store<string, number>('counts-store');
    expect(store.get('kafka')).toBe(3);
    expect(store.get('nope')).toBeNull();
    expect(store.all()).toHaveLength(8);
    expect(() => app.store('missing')).toThrow(/no store named "missing"/);

    await app.close();
    expect(app.state).toBe('NOT_RUNNING');
    expect(states.slice(-2)).toEqual(['PENDING_SHUTDOWN', 'NOT_RUNNING']);
  });

  it('pushes metrics snapshots with node counters, store entries and source lag', async () => {
    const cluster = setupCluster(1);
    const app = streams(cluster);
    const snapshots: MetricsSnapshot[] = [];
    app.on('metrics', (snapshot) => snapshots.push(snapshot));
    await app.start();
    cluster.produce('text', [{ value: 'one two three' }, { value: 'two three' }, { value: 'three' }]);
    await waitFor('counts', () => latestCounts(cluster).get('three') === 3);
    await waitFor('a snapshot with all records', () => {
      const last = snapshots.at(-1);
      return last?.nodes.find((n) => n.name === 'count')?.recordsIn === 6;
    });
    const last = snapshots.at(-1)!;
    expect(last.applicationId).toBe('wordcount');
    expect(last.state).toBe('RUNNING');
    const byName = new Map(last.nodes.map((n) => [n.name, n]));
    expect(byName.get('lines')).toMatchObject({ recordsIn: 3, errors: 0 });
    expect(byName.get('split')).toMatchObject({ recordsIn: 3, recordsOut: 6 });
    expect(byName.get('to-counts')).toMatchObject({ recordsIn: 6 });
    expect(last.stores).toEqual([{ name: 'counts-store', entries: 3 }]);
    const textLag = last.sources.find((s) => s.topic === 'text');
    expect(textLag).toEqual({ topic: 'text', partition: 0, position: 3, highWatermark: 3, lag: 0 });
    expect(snapshots.some((s) => s.nodes.some((n) => n.latencyP50Ms !== null))).toBe(true);
  });

  it('splits the partitions between two instances of one application', async () => {
    const cluster = setupCluster(4);
    const first = streams(cluster);
    const second = streams(cluster);
    await first.start();
    await second.start();
    await waitFor('both running', () => first.state === 'RUNNING' && second.state === 'RUNNING');
    await waitFor('a split assignment', () => {
      const a = first.storeInstances('counts-store').length;
      const b = second.storeInstances('counts-store').length;
      return a === 2 && b === 2;
    });

    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
    cluster.produce(
      'text',
      words.map((word, i) => ({ key: String(i), value: `${word} ${word}` })),
    );
    await waitFor('all words counted twice', () => words.every((w) => latestCounts(cluster).get(w) === 2));
    // Each word was counted by exactly one instance, and the two see disjoint keys.
    const seenByFirst = first
      .store<string, number>('counts-store')
      .all()
      .map((kv) => kv.key);
    const seenBySecond = second
      .store<string, number>('counts-store')
      .all()
      .map((kv) => kv.key);
    expect([...seenByFirst, ...seenBySecond].sort()).toEqual([...words].sort());
    expect(seenByFirst.length).toBeGreaterThan(0);
    expect(seenBySecond.length).toBeGreaterThan(0);
    // No duplicates: exactly two updates per word.
    expect(readCounts(cluster)).toHaveLength(words.length * 2);

    await second.close();
    await waitFor('the survivor owns every task', () => first.storeInstances('counts-store').length === 4);
    cluster.produce('text', [{ key: 'x', value: 'alpha beta' }]);
    await waitFor('counts continue after the rebalance', () => latestCounts(cluster).get('beta') === 3);
    expect(latestCounts(cluster).get('alpha')).toBe(3);
  });

  it('resumes from committed offsets with state restored from the changelog after a restart', async () => {
    const cluster = setupCluster(2);
    const before = streams(cluster, { commitIntervalMs: 60_000 });
    await before.start();
    cluster.produce('text', [{ value: 'red green' }, { value: 'red blue' }]);
    await waitFor('first counts', () => latestCounts(cluster).get('red') === 2);
    // close() commits even though the commit interval has not elapsed.
    await before.close();
    const outputBefore = readCounts(cluster).length;
    expect(
      cluster.committedOffset('wordcount', 'text', 0)! + cluster.committedOffset('wordcount', 'text', 1)!,
    ).toBe(2);

    cluster.produce('text', [{ value: 'red yellow' }]);
    const after = streams(cluster);
    await after.start();
    await waitFor('counts after restart', () => latestCounts(cluster).get('red') === 3);
    expect(latestCounts(cluster).get('yellow')).toBe(1);
    // Only the new line was processed: the old lines were not read again.
    expect(readCounts(cluster).length - outputBefore).toBe(2);
    expect(after.store<string, number>('counts-store').get('green')).toBe(1);
  });

  it('restores from a compacted changelog', async () => {
    const cluster = new MemoryCluster({ segmentBytes: 128 });
    cluster.createTopic('text', { partitions: 1 });
    cluster.createTopic('counts', { partitions: 1 });
    const before = streams(cluster);
    await before.start();
    cluster.produce(
      'text',
      Array.from({ length: 200 }, (_, i) => ({ value: i % 2 === 0 ? 'red' : 'red blue' })),
    );
    await waitFor('200 reds', () => latestCounts(cluster).get('red') === 200);
    await before.close();
    const changelog = cluster.fetch('wordcount-counts-store-changelog', 0, 0, 10_000);
    expect(changelog.length).toBeLessThan(100);

    const after = streams(cluster);
    await after.start();
    cluster.produce('text', [{ value: 'red blue' }]);
    await waitFor('counts after restoring', () => latestCounts(cluster).get('red') === 201);
    expect(latestCounts(cluster).get('blue')).toBe(101);
  });

  it('fails start() with a clear error when a source topic is missing', async () => {
    const cluster = new MemoryCluster();
    const app = streams(cluster);
    await expect(app.start()).rejects.toThrow(/source topic text does not exist/);
    expect(app.state).toBe('ERROR');
  });

  it('stops with ERROR and reports the failing node when processing throws', async () => {
    const cluster = setupCluster(1);
    const topology = new Topology().addSource('in', 'text', { valueSerde: Serdes.string() }).addProcessor(
      'explode',
      () => ({
        process: () => {
          throw new Error('boom');
        },
      }),
      'in',
    );
    const app = new KafkaStreams(topology, { applicationId: 'failing', cluster, pollMs: 10 });
    running.push(app);
    const errors: Error[] = [];
    app.on('error', (error) => errors.push(error));
    await app.start();
    cluster.produce('text', [{ value: 'x' }]);
    await waitFor('the error state', () => app.state === 'ERROR');
    expect(errors[0]?.message).toMatch(/error in processor "explode".*boom/);
    expect(cluster.committedOffset('failing', 'text', 0)).toBeUndefined();
    expect(cluster.group('failing').memberIds()).toEqual([]);
  });

  it('closes cleanly when close() is called while start() is still running', async () => {
    const cluster = setupCluster();
    const app = streams(cluster);
    const started = app.start();
    await app.close();
    await started;
    expect(app.state).toBe('NOT_RUNNING');
    expect(cluster.group('wordcount').memberIds()).toEqual([]);
    await expect(app.start()).rejects.toThrow(/CREATED/);
  });

  it('rejects configs without a target or with a bad application id', () => {
    expect(() => new KafkaStreams(new Topology(), { applicationId: 'a' })).toThrow(/cluster.*brokers/);
    expect(
      () => new KafkaStreams(new Topology(), { applicationId: 'a b', cluster: new MemoryCluster() }),
    ).toThrow(/applicationId/);
  });

  it('rejects a bad standby replica count, and standbys together with a state directory', () => {
    const cluster = new MemoryCluster();
    const config = { applicationId: 'a', cluster };
    expect(() => new KafkaStreams(new Topology(), { ...config, numStandbyReplicas: -1 })).toThrow(
      /numStandbyReplicas must be a non-negative integer/,
    );
    expect(() => new KafkaStreams(new Topology(), { ...config, numStandbyReplicas: 1.5 })).toThrow(
      /non-negative integer/,
    );
    expect(
      () => new KafkaStreams(new Topology(), { ...config, numStandbyReplicas: 1, stateDir: '/tmp/x' }),
    ).toThrow(/cannot be combined with stateDir/);
    expect(() => new KafkaStreams(new Topology(), { ...config, numStandbyReplicas: 2 })).not.toThrow();
  });
});
