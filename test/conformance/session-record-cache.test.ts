// The record cache in front of a session store (Kafka's CachingSessionStore), ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/KStreamSessionWindowAggregateProcessorTest.java:
// shouldHandleMultipleSessionsAndMerging (ON_WINDOW_UPDATE, setup(inputType, true): caching enabled, one flush
// after all records), with that test's initializer () -> 0, aggregator +1 and merger aggOne + aggTwo. As in
// record-cache.test.ts, KafkaStreams on the embedded cluster with a frozen clock stands in for the processor test:
// no commit interval elapses, so the shutdown commit is the one flush.
import { afterEach, describe, expect, it } from 'vitest';
import {
  EmitStrategy,
  KafkaStreams,
  MemoryCluster,
  Serdes,
  SessionWindows,
  StreamsBuilder,
  type Topology,
} from '../../runtime/src/index.js';
import { kvt, windowedString } from './support.js';

const GAP_MS = 5 * 60 * 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const running: KafkaStreams[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

function sessionCount(options: { cachingEnabled?: boolean; onWindowClose?: boolean } = {}): Topology {
  const builder = new StreamsBuilder();
  const windowed = builder
    .stream<string, string>('input', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .groupByKey()
    .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS));
  if (options.onWindowClose === true) windowed.emitStrategy(EmitStrategy.onWindowClose());
  windowed
    .aggregate(
      () => 0,
      (_k, _v, agg) => agg + 1,
      (_k, one, two) => one + two,
      {
        name: 'agg',
        storeName: 'session-store',
        valueSerde: Serdes.long(),
        ...(options.cachingEnabled === undefined ? {} : { cachingEnabled: options.cachingEnabled }),
      },
    )
    .toStream()
    .map((k, v) => ({ key: windowedString(k), value: v === null ? 'null' : String(v) }))
    .to('output', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return builder.build();
}

const INPUT: [string, number][] = [
  ['a', 0],
  ['b', 0],
  ['c', 0],
  ['d', 0],
  ['d', GAP_MS / 2],
  ['a', GAP_MS + 1],
  ['b', GAP_MS + 1],
  ['a', GAP_MS + 1 + GAP_MS / 2],
  ['c', GAP_MS + 1 + GAP_MS / 2],
];

async function run(
  topology: Topology,
  cacheMaxBytes: number | undefined,
): Promise<{ output: { key: string; value: string; timestamp: number }[]; changelog: number }> {
  const cluster = new MemoryCluster();
  cluster.createTopic('input');
  cluster.createTopic('output');
  cluster.produce(
    'input',
    INPUT.map(([key, timestamp]) => ({
      key: encoder.encode(key),
      value: encoder.encode('1'),
      timestamp,
      partition: 0,
    })),
  );
  const app = new KafkaStreams(topology, {
    applicationId: 'sessions',
    cluster,
    pollMs: 5,
    now: () => 0, // no commit interval ever elapses
    ...(cacheMaxBytes === undefined ? {} : { cacheMaxBytes }),
  });
  running.push(app);
  let failure: Error | undefined;
  app.on('error', (e) => (failure = e));
  await app.start();
  while (app.metrics().nodes.find((n) => n.name === 'agg')?.recordsIn !== INPUT.length) {
    if (failure) throw failure;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await app.close();
  const output = cluster
    .fetch('output', 0, 0, 1000)
    .map((r) => kvt(decoder.decode(r.key!), decoder.decode(r.value!), r.timestamp));
  return { output, changelog: cluster.highWatermark('sessions-session-store-changelog', 0) };
}

describe('KStreamSessionWindowAggregateProcessorTest (caching store)', () => {
  it('shouldHandleMultipleSessionsAndMerging: one update per session at the flush, merged-away ones never', async () => {
    const { output, changelog } = await run(sessionCount(), undefined);
    expect(output).toEqual([
      kvt('[a@0/0]', '1', 0),
      kvt('[b@0/0]', '1', 0),
      kvt('[c@0/0]', '1', 0),
      kvt(`[d@0/${GAP_MS / 2}]`, '2', GAP_MS / 2),
      kvt(`[b@${GAP_MS + 1}/${GAP_MS + 1}]`, '1', GAP_MS + 1),
      kvt(`[a@${GAP_MS + 1}/${GAP_MS + 1 + GAP_MS / 2}]`, '2', GAP_MS + 1 + GAP_MS / 2),
      kvt(`[c@${GAP_MS + 1 + GAP_MS / 2}/${GAP_MS + 1 + GAP_MS / 2}]`, '1', GAP_MS + 1 + GAP_MS / 2),
    ]);
    // The changelog is written at the flush too: d@0/0 and a@GAP+1 were created and merged away in the cache.
    expect(changelog).toBe(7);
  });

  it('cachingEnabled: false (and cacheMaxBytes 0) forward every update and merge tombstone, as Kafka uncached', async () => {
    const uncached = [
      kvt('[a@0/0]', '1', 0),
      kvt('[b@0/0]', '1', 0),
      kvt('[c@0/0]', '1', 0),
      kvt('[d@0/0]', '1', 0),
      kvt('[d@0/0]', 'null', 0),
      kvt(`[d@0/${GAP_MS / 2}]`, '2', GAP_MS / 2),
      kvt(`[a@${GAP_MS + 1}/${GAP_MS + 1}]`, '1', GAP_MS + 1),
      kvt(`[b@${GAP_MS + 1}/${GAP_MS + 1}]`, '1', GAP_MS + 1),
      kvt(`[a@${GAP_MS + 1}/${GAP_MS + 1}]`, 'null', GAP_MS + 1),
      kvt(`[a@${GAP_MS + 1}/${GAP_MS + 1 + GAP_MS / 2}]`, '2', GAP_MS + 1 + GAP_MS / 2),
      kvt(`[c@${GAP_MS + 1 + GAP_MS / 2}/${GAP_MS + 1 + GAP_MS / 2}]`, '1', GAP_MS + 1 + GAP_MS / 2),
    ];
    expect((await run(sessionCount({ cachingEnabled: false }), undefined)).output).toEqual(uncached);
    expect((await run(sessionCount(), 0)).output).toEqual(uncached);
  });

  it('ON_WINDOW_CLOSE is never cached: closed sessions leave as the records arrive', async () => {
    const { output } = await run(sessionCount({ onWindowClose: true }), undefined);
    expect(output).toEqual([
      kvt('[a@0/0]', '1', 0),
      kvt('[b@0/0]', '1', 0),
      kvt('[c@0/0]', '1', 0),
      kvt(`[d@0/${GAP_MS / 2}]`, '2', GAP_MS / 2),
    ]);
  });
});
