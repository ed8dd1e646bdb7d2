// Window, session and join stores log to changelog topics and come back after a restart of KafkaStreams on the
// embedded cluster (the same path a Kafka cluster takes).
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { Serdes } from '../serdes/serdes.js';
import { KafkaStreams } from '../streams/kafka-streams.js';
import { JoinWindows } from './join-windows.js';
import { SessionWindows } from './session-windows.js';
import { TimeWindows } from './time-windows.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const counts = { keySerde: Serdes.string(), valueSerde: Serdes.long() };
const decoder = new TextDecoder();

function topology() {
  const builder = new StreamsBuilder();
  const grouped = builder.stream<string, string>('in', strings).groupByKey();
  grouped
    .windowedBy(TimeWindows.ofSizeWithNoGrace(1_000))
    .count({ storeName: 'windowed' })
    .toStream()
    .map((k, v) => ({ key: `${k.key}@${k.window.start}`, value: v }))
    .to('window-counts', counts);
  grouped
    .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(100))
    .count({ storeName: 'sessions' })
    .toStream()
    .filter((_k, v) => v !== null)
    .map((k, v) => ({ key: `${k.key}@${k.window.start}-${k.window.end}`, value: v }))
    .to('session-counts', counts);
  builder
    .stream<string, string>('left', strings)
    .leftJoin(
      builder.stream<string, string>('right', strings),
      (l, r) => `${l}+${String(r)}`,
      JoinWindows.ofTimeDifferenceWithNoGrace(100),
      {
        storeName: 'join',
      },
    )
    .to('joined', strings);
  return builder.build();
}

function read(cluster: MemoryCluster, topic: string, value: (bytes: Uint8Array) => string): string[] {
  return cluster
    .fetch(topic, 0, cluster.logStartOffset(topic, 0), 100_000)
    .map((r) => `${decoder.decode(r.key ?? new Uint8Array())}=${value(r.value ?? new Uint8Array())}`);
}
const asLong = (b: Uint8Array): string => String(Number(new DataView(b.buffer, b.byteOffset).getBigInt64(0)));
const asString = (b: Uint8Array): string => decoder.decode(b);

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const running: KafkaStreams[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

function start(cluster: MemoryCluster): KafkaStreams {
  const streams = new KafkaStreams(topology(), {
    applicationId: 'windows',
    cluster,
    commitIntervalMs: 20,
    pollMs: 5,
    // The test counts every update of the windowed count; the record cache would merge some of them.
    cacheMaxBytes: 0,
  });
  running.push(streams);
  return streams;
}

describe('window, session and join stores after a restart', () => {
  it('continue from the state restored from their changelogs', async () => {
    const cluster = new MemoryCluster();
    for (const topic of ['in', 'left', 'right', 'window-counts', 'session-counts', 'joined'])
      cluster.createTopic(topic, { partitions: 1 });
    const produce = (topic: string, key: string, value: string, timestamp: number) =>
      cluster.produce(topic, [
        { key: new TextEncoder().encode(key), value: new TextEncoder().encode(value), timestamp },
      ]);

    const before = start(cluster);
    await before.start();
    produce('in', 'k', 'a', 10);
    produce('in', 'k', 'b', 20);
    produce('left', 'k', 'L', 10);
    await waitFor('counts before restart', () => read(cluster, 'window-counts', asLong).length === 2);
    await before.close();
    running.splice(0);
    expect(cluster.listTopics()).toEqual(
      expect.arrayContaining([
        'windows-windowed-changelog',
        'windows-sessions-changelog',
        'windows-join-this-join-store-changelog',
      ]),
    );

    const after = start(cluster);
    await after.start();
    produce('in', 'k', 'c', 30);
    produce('right', 'k', 'R', 50);
    await waitFor('counts after restart', () => read(cluster, 'window-counts', asLong).length === 3);
    await waitFor('join after restart', () => read(cluster, 'joined', asString).length === 1);
    expect(read(cluster, 'window-counts', asLong).at(-1)).toBe('k@0=3');
    expect(read(cluster, 'session-counts', asLong).at(-1)).toBe('k@10-30=3');
    expect(read(cluster, 'joined', asString)).toEqual(['k=L+R']);
  });
});
