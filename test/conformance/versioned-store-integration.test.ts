// A versioned store used from the Processor API by KafkaStreams on the MemoryCluster, and restored from its
// changelog after a restart. Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/
// integration/VersionedKeyValueStoreIntegrationTest.java (shouldPutGetAndDelete, shouldRestore, with its
// VersionedStoreContentCheckerProcessor and DataTracker). Integer serdes stand as long.
import { afterEach, describe, expect, it } from 'vitest';
import {
  KafkaStreams,
  MemoryCluster,
  Serdes,
  Stores,
  StreamsBuilder,
  type ProcessorContext,
  type ProcessorSupplier,
  type VersionedKeyValueStore,
  type VersionedRecord,
} from '../../runtime/src/index.js';

const STORE_NAME = 'versioned-store';
const HISTORY_RETENTION = 3_600_000;
const INPUT = 'input-stream';
const OUTPUT = 'output-stream';
const DELETE = 'delete';
const BASE = 1_700_000_000_000;

/** Kafka's DataTracker: key → timestamp → value (null for tombstones and deletes). */
type DataTracker = Map<number, Map<number, string | null>>;

function track(data: DataTracker, key: number, timestamp: number, value: string | null): void {
  let byTime = data.get(key);
  if (byTime === undefined) data.set(key, (byTime = new Map()));
  byTime.set(timestamp, value === DELETE ? null : value);
}

function contentsMatch(
  record: VersionedRecord<string> | null,
  value: string | null,
  timestamp: number,
): boolean {
  if (value === null) return record === null;
  return record !== null && record.value === value && record.timestamp === timestamp;
}

/** Writes each record to the store (`"delete"` means delete()), then forwards how many checks of the whole store failed. */
function checker(initial: DataTracker = new Map()): ProcessorSupplier<number, string, number, number> {
  return () => {
    let context: ProcessorContext<number, number>;
    let store: VersionedKeyValueStore<number, string>;
    const data: DataTracker = new Map([...initial].map(([k, v]) => [k, new Map(v)]));
    return {
      init(c) {
        context = c;
        store = c.getStateStore<VersionedKeyValueStore<number, string>>(STORE_NAME);
      },
      process(record) {
        if (record.value === DELETE) store.delete(record.key, record.timestamp);
        else store.put(record.key, record.value, record.timestamp);
        track(data, record.key, record.timestamp, record.value);
        let failed = 0;
        for (const [key, byTime] of data) {
          let maxTimestamp = -1;
          let valueAtMax: string | null = null;
          for (const [timestamp, value] of byTime) {
            if (timestamp > maxTimestamp) {
              maxTimestamp = timestamp;
              valueAtMax = value;
            }
            if (!contentsMatch(store.get(key, timestamp), value, timestamp)) failed++;
          }
          if (!contentsMatch(store.get(key), valueAtMax, maxTimestamp)) failed++;
        }
        context.forward({ ...record, value: failed });
      },
    };
  };
}

function topology(initial?: DataTracker) {
  const builder = new StreamsBuilder();
  builder.addStateStore(
    Stores.versionedKeyValueStoreBuilder(
      Stores.persistentVersionedKeyValueStore(STORE_NAME, HISTORY_RETENTION),
      Serdes.long(),
      Serdes.string(),
    ),
  );
  builder
    .stream<number, string>(INPUT, { keySerde: Serdes.long(), valueSerde: Serdes.string() })
    .process(checker(initial), { stores: [STORE_NAME] })
    .to(OUTPUT, { keySerde: Serdes.long(), valueSerde: Serdes.long() });
  return builder.build();
}

const running: KafkaStreams[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function start(cluster: MemoryCluster, initial?: DataTracker): Promise<KafkaStreams> {
  const app = new KafkaStreams(topology(initial), { applicationId: 'versioned-app', cluster, pollMs: 10 });
  app.on('error', () => undefined);
  running.push(app);
  return app.start().then(() => app);
}

function produce(
  cluster: MemoryCluster,
  data: DataTracker | null,
  timestamp: number,
  ...pairs: [number, string | null][]
) {
  cluster.produce(
    INPUT,
    pairs.map(([key, value]) => ({
      key: Serdes.long().serialize(key, INPUT),
      value: value === null ? null : Serdes.string().serialize(value, INPUT),
      timestamp,
    })),
  );
  if (data) for (const [key, value] of pairs) track(data, key, timestamp, value);
  return pairs.length;
}

function output(cluster: MemoryCluster): number[] {
  return cluster
    .fetch(OUTPUT, 0, cluster.logStartOffset(OUTPUT, 0), 1_000_000)
    .map((r) => Serdes.long().deserialize(r.value as Uint8Array, OUTPUT));
}

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  // A guard against hanging forever, not a timing assertion: the condition is what the test checks.
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function produceInitial(cluster: MemoryCluster, data: DataTracker | null): number {
  let n = 0;
  n += produce(cluster, data, BASE, [1, 'a0'], [2, 'b0'], [3, null]);
  n += produce(cluster, data, BASE + 5, [1, 'a5'], [2, null], [3, 'c5']);
  n += produce(cluster, data, BASE + 2, [1, 'a2'], [2, 'b2'], [3, null]); // out-of-order data
  n += produce(cluster, data, BASE + 5, [1, 'a5_new'], [2, 'b5'], [3, null]); // replace existing records
  n += produce(cluster, data, BASE + 7, [1, DELETE], [2, DELETE], [3, DELETE]); // delete
  return n;
}

function newCluster(options: ConstructorParameters<typeof MemoryCluster>[0] = {}): MemoryCluster {
  const cluster = new MemoryCluster(options);
  cluster.createTopic(INPUT, { partitions: 1 });
  cluster.createTopic(OUTPUT, { partitions: 1 });
  return cluster;
}

describe('VersionedKeyValueStoreIntegrationTest', () => {
  it('shouldPutGetAndDelete', async () => {
    const cluster = newCluster();
    await start(cluster);
    const produced = produceInitial(cluster, null);
    await waitFor('every check result', () => output(cluster).length >= produced);
    expect(output(cluster)).toEqual(new Array(produced).fill(0));
  });

  it.each([
    ['shouldRestore', {}],
    [
      'shouldRestore from a compacted changelog (every version keeps its own changelog key)',
      { segmentBytes: 128 },
    ],
  ])('%s', async (_name, options) => {
    const cluster = newCluster(options);
    const first = await start(cluster);
    const data: DataTracker = new Map();
    let produced = produceInitial(cluster, data);
    produced += produce(cluster, data, BASE + 10, [1, 'a10'], [2, 'b10'], [3, 'c10']); // latest is not a tombstone
    await waitFor('the first run', () => output(cluster).length >= produced);
    await first.close();
    running.splice(running.indexOf(first), 1);

    // State lives in memory only, so the restart restores the store from its changelog.
    await start(cluster, data);
    produced += produce(cluster, null, BASE + 12, [1, 'a12'], [2, 'b12'], [3, 'c12']);
    await waitFor('the run after the restore', () => output(cluster).length >= produced);
    expect(output(cluster)).toEqual(new Array(produced).fill(0));
  });
});
