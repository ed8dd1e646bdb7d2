// KafkaStreams with a stateDir on the embedded cluster: a restart loads the stores from disk and restores only
// the changelog's tail; a wiped state directory falls back to the whole changelog.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import { KafkaStreams } from '../streams/kafka-streams.js';
import { MemoryTransport } from '../streams/memory-transport.js';
import type { StreamsConfig } from '../streams/config.js';
import type { PartitionReader } from '../streams/transport.js';
import { Topology } from '../topology/topology.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { SessionWindows } from '../windows/session-windows.js';
import { TimeWindows } from '../windows/time-windows.js';
import type { KeyValueStore } from './key-value-store.js';
import { Stores } from './stores.js';

const CHANGELOG = 'counter-counts-changelog';
const dirs: string[] = [];
const running: KafkaStreams[] = [];

/** Counts records per key in a logged store and writes each new count to `out`. */
function countTopology(): Topology {
  return new Topology()
    .addSource('in', 'in', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .addProcessor<string, string, string, number>(
      'count',
      () => {
        let context: ProcessorContext<string, number>;
        let store: KeyValueStore<string, number>;
        return {
          init: (c) => {
            context = c;
            store = c.getStateStore<KeyValueStore<string, number>>('counts');
          },
          process: (record) => {
            const count = (store.get(record.key) ?? 0) + 1;
            store.put(record.key, count);
            context.forward({ ...record, value: count });
          },
        };
      },
      'in',
    )
    .addStateStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.string(), Serdes.long()),
      'count',
    )
    .addSink('out', 'out', { keySerde: Serdes.string(), valueSerde: Serdes.long() }, 'count');
}

/** A transport over `cluster` that counts the changelog records read back (that is, restored). */
function countingTransport(cluster: MemoryCluster): { transport: MemoryTransport; restored: () => number } {
  const inner = new MemoryTransport(cluster);
  let restored = 0;
  const transport = Object.assign(Object.create(inner) as MemoryTransport, {
    createReader(): PartitionReader {
      const reader = inner.createReader();
      return {
        read: async (partition, max) => {
          const records = await reader.read(partition, max);
          if (partition.topic === CHANGELOG) restored += records.length;
          return records;
        },
        close: () => reader.close(),
      };
    },
  });
  return { transport, restored: () => restored };
}

async function run(
  cluster: MemoryCluster,
  config: Partial<StreamsConfig>,
): Promise<{ app: KafkaStreams; restored: () => number }> {
  const { transport, restored } = countingTransport(cluster);
  const app = new KafkaStreams(countTopology(), {
    applicationId: 'counter',
    transport,
    pollMs: 5,
    commitIntervalMs: 20,
    ...config,
  });
  running.push(app);
  await app.start();
  // RUNNING comes after the assigned tasks restored their stores.
  await waitFor('the restored tasks', () => app.state === 'RUNNING');
  return { app, restored };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function produce(cluster: MemoryCluster, keys: readonly string[]): void {
  cluster.produce(
    'in',
    keys.map((key) => ({ key, value: 'x' })),
  );
}

/** The latest count per key written to `out`. */
function latestCounts(cluster: MemoryCluster): Map<string, number> {
  const counts = new Map<string, number>();
  for (let p = 0; p < cluster.partitionCount('out'); p++) {
    for (const r of cluster.fetch('out', p, cluster.logStartOffset('out', p), 1_000_000)) {
      counts.set(new TextDecoder().decode(r.key!), Serdes.long().deserialize(r.value!, 'out'));
    }
  }
  return counts;
}

function changelogLength(cluster: MemoryCluster): number {
  let n = 0;
  for (let p = 0; p < cluster.partitionCount(CHANGELOG); p++) n += cluster.highWatermark(CHANGELOG, p);
  return n;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('KafkaStreams with a stateDir', () => {
  it('restores only the changelog tail after a restart, and the whole changelog after a wipe', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'topograph-streams-state-'));
    dirs.push(stateDir);
    const cluster = new MemoryCluster();
    cluster.createTopic('in', { partitions: 2 });
    cluster.createTopic('out', { partitions: 2 });
    const keys = Array.from({ length: 40 }, (_, i) => `k${i % 10}`);

    // 1. A first run with local state: every key counted 4 times, checkpointed on close.
    const first = await run(cluster, { stateDir });
    expect(first.restored()).toBe(0);
    produce(cluster, keys);
    await waitFor('first counts', () => latestCounts(cluster).get('k9') === 4);
    await first.app.close();
    const afterFirst = changelogLength(cluster);
    expect(afterFirst).toBe(40);

    // 2. The same application elsewhere (no state dir here) moves the changelog on by 6 records.
    const elsewhere = await run(cluster, {});
    expect(elsewhere.restored()).toBe(40);
    produce(cluster, ['k0', 'k0', 'k1', 'k2', 'k3', 'k4']);
    await waitFor('counts elsewhere', () => latestCounts(cluster).get('k0') === 6);
    await elsewhere.app.close();

    // 3. Back on the first state dir: the disk has 40 records' worth, the changelog's tail is the other 6.
    const resumed = await run(cluster, { stateDir });
    expect(resumed.restored()).toBe(changelogLength(cluster) - afterFirst);
    expect(resumed.restored()).toBe(6);
    const counts = resumed.app.store<string, number>('counts');
    expect(counts.get('k0')).toBe(6);
    expect(counts.get('k1')).toBe(5);
    expect(counts.get('k9')).toBe(4);
    produce(cluster, ['k0', 'k9']);
    await waitFor('counts after the restart', () => latestCounts(cluster).get('k9') === 5);
    expect(latestCounts(cluster).get('k0')).toBe(7);
    await resumed.app.close();

    // 4. Wiped state directory: everything comes back from the changelog, and the results stay right.
    await rm(stateDir, { recursive: true, force: true });
    const wiped = await run(cluster, { stateDir });
    expect(wiped.restored()).toBe(changelogLength(cluster));
    expect(wiped.app.store<string, number>('counts').get('k0')).toBe(7);
    produce(cluster, ['k0']);
    await waitFor('counts after the wipe', () => latestCounts(cluster).get('k0') === 8);
    await wiped.app.close();

    // 5. And the wiped directory was rebuilt: the next restart restores nothing.
    const again = await run(cluster, { stateDir });
    expect(again.restored()).toBe(0);
    expect(again.app.store<string, number>('counts').get('k0')).toBe(8);
    expect(again.app.store<string, number>('counts').get('k5')).toBe(4);
  });

  it('brings window and session stores back from disk, nothing read from the changelog', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'topograph-windows-state-'));
    dirs.push(stateDir);
    const cluster = new MemoryCluster();
    cluster.createTopic('events', { partitions: 1 });
    cluster.createTopic('window-counts', { partitions: 1 });
    cluster.createTopic('session-counts', { partitions: 1 });
    const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
    const longs = { keySerde: Serdes.string(), valueSerde: Serdes.long() };
    const windowed = (): Topology => {
      const b = new StreamsBuilder();
      const grouped = b.stream<string, string>('events', strings).groupByKey();
      grouped
        .windowedBy(TimeWindows.ofSizeWithNoGrace(1_000))
        .count({ storeName: 'per-second' })
        .toStream()
        .map((k, v) => ({ key: `${k.key}@${k.window.start}`, value: v }))
        .to('window-counts', longs);
      grouped
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(100))
        .count({ storeName: 'sessions' })
        .toStream()
        .filter((_k, v) => v !== null)
        .map((k, v) => ({ key: `${k.key}@${k.window.start}-${k.window.end}`, value: v }))
        .to('session-counts', longs);
      return b.build();
    };
    let restored = 0;
    const inner = new MemoryTransport(cluster);
    const transport = Object.assign(Object.create(inner) as MemoryTransport, {
      createReader(): PartitionReader {
        const reader = inner.createReader();
        return {
          read: async (partition, max) => {
            const records = await reader.read(partition, max);
            if (partition.topic.endsWith('-changelog')) restored += records.length;
            return records;
          },
          close: () => reader.close(),
        };
      },
    });
    const startApp = async (): Promise<KafkaStreams> => {
      const app = new KafkaStreams(windowed(), {
        applicationId: 'windowed',
        transport,
        stateDir,
        pollMs: 5,
        commitIntervalMs: 20,
      });
      running.push(app);
      await app.start();
      await waitFor('the restored tasks', () => app.state === 'RUNNING');
      return app;
    };
    const send = (key: string, timestamp: number): void => {
      cluster.produce('events', [{ key, value: 'e', timestamp }]);
    };
    const latest = (topic: string): Map<string, number> => {
      const out = new Map<string, number>();
      for (const r of cluster.fetch(topic, 0, 0, 100_000)) {
        out.set(new TextDecoder().decode(r.key!), Serdes.long().deserialize(r.value!, topic));
      }
      return out;
    };

    const first = await startApp();
    // Keys sort differently on disk ("a" < "b") than in time: b's windows come first.
    for (const [key, ts] of [
      ['b', 100],
      ['b', 1_100],
      ['a', 2_050],
      ['a', 2_100],
      ['b', 2_120],
    ] as const) {
      send(key, ts);
    }
    await waitFor('window counts', () => latest('window-counts').get('b@2000') === 1);
    await first.close();

    const second = await startApp();
    expect(restored).toBe(0);
    send('a', 2_150);
    send('b', 2_160);
    await waitFor('counts after the restart', () => latest('window-counts').get('b@2000') === 2);
    expect(latest('window-counts').get('a@2000')).toBe(3);
    expect(latest('session-counts').get('a@2050-2150')).toBe(3);
    expect(latest('session-counts').get('b@2120-2160')).toBe(2);
    await second.close();
  });
});
