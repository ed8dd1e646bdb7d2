// How the runtime benchmark measures: the topology on KafkaStreams over a MemoryCluster (input preloaded,
// clock from start() until the last output record is written), the same topology's single task driven
// directly (engine only, no cluster), the topology on our TopologyTestDriver, the peer @kafkats/flow on its own
// TestDriver, and the hand-written loop, on identical serialized input.

import { performance } from 'node:perf_hooks';
import { KafkaStreams, MemoryCluster, Serdes, TopologyTestDriver, type Topology } from '@topograph/runtime';
import { StreamTask } from '@topograph/runtime/internals';
import type { OutputRecord } from './baselines.js';
import type { InputRecord } from './data.js';
import { peerInputs, runPeer, type PeerTopology } from './peer-kafkats.js';

const NO_HEADERS = new Map<string, Uint8Array>();

export interface Scenario {
  readonly name: string;
  readonly inputs: readonly { topic: string; records: readonly InputRecord[] }[];
  readonly outputTopic: string;
  build(): Topology;
  baseline(): OutputRecord[];
  /** The same scenario written for @kafkats/flow (`peer-kafkats.ts`). */
  readonly peer: PeerTopology;
}

export interface Timing {
  readonly ms: number;
  readonly output: readonly OutputRecord[];
}

export function inputCount(scenario: Scenario): number {
  return scenario.inputs.reduce((sum, input) => sum + input.records.length, 0);
}

/**
 * Collects the previous measurement's garbage before timing the next (with node --expose-gc, as
 * `npm run bench:runtime` runs), so no method pays for another's allocations.
 */
function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function timeBaseline(scenario: Scenario): Timing {
  settleHeap();
  const start = performance.now();
  const output = scenario.baseline();
  return { ms: performance.now() - start, output };
}

/**
 * Drives the topology's first sub-topology as one task, feeding the inputs in timestamp order (the order Kafka
 * Streams picks among a task's partitions). Only meaningful for single-sub-topology scenarios.
 */
export function timeEngine(scenario: Scenario): Timing {
  const output: OutputRecord[] = [];
  const task = new StreamTask({
    topology: scenario.build(),
    subtopologyId: 0,
    partition: 0,
    applicationId: 'bench',
    logChangelogs: false,
    collector: { send: (_topic, key, value, timestamp) => void output.push({ key, value, timestamp }) },
  });
  // The records as a partition would hand them out, built before the clock starts.
  const records = mergeByTimestamp(scenario).map(({ topic, record }, offset) => ({
    topic,
    partition: 0,
    offset,
    ...record,
    headers: NO_HEADERS,
  }));
  settleHeap();
  const start = performance.now();
  for (let i = 0; i < records.length; i++) task.process(records[i]!);
  const ms = performance.now() - start;
  task.close();
  return { ms, output };
}

/**
 * Pipes the inputs, in timestamp order, through our TopologyTestDriver as raw bytes: the like-for-like
 * counterpart of the peer's TestDriver (every sub-topology, repartition and changelog topics captured in memory).
 */
export function timeTestDriver(scenario: Scenario): Timing {
  const driver = new TopologyTestDriver(scenario.build(), { applicationId: 'bench' });
  const bytes = { keySerde: Serdes.bytes(), valueSerde: Serdes.bytes() };
  const topics = new Map(scenario.inputs.map(({ topic }) => [topic, driver.createInputTopic(topic, bytes)]));
  const ordered = mergeByTimestamp(scenario);
  settleHeap();
  const start = performance.now();
  for (const { topic, record } of ordered)
    topics.get(topic)!.pipeInput(record.key, record.value, record.timestamp);
  const ms = performance.now() - start;
  const output = driver
    .createOutputTopic(scenario.outputTopic, bytes)
    .readRecordsToList()
    .map(({ key, value, timestamp }) => ({ key, value, timestamp }));
  driver.close();
  return { ms, output };
}

/** Runs the scenario on @kafkats/flow's TestDriver; null when the peer cannot express it. */
export async function timePeer(scenario: Scenario): Promise<Timing | null> {
  if ('unsupported' in scenario.peer) return null;
  return runPeer(scenario.peer, peerInputs(mergeByTimestamp(scenario)), scenario.outputTopic, settleHeap);
}

/** Runs the topology on KafkaStreams over a MemoryCluster with single-partition topics. */
export async function timeKafkaStreams(scenario: Scenario, expectedOutputs: number): Promise<Timing> {
  const cluster = new MemoryCluster({ retentionMs: -1, retentionBytes: -1, segmentBytes: 64 * 1024 * 1024 });
  for (const input of scenario.inputs) {
    cluster.createTopic(input.topic);
    cluster.produce(input.topic, input.records);
  }
  cluster.createTopic(scenario.outputTopic);
  const streams = new KafkaStreams(scenario.build(), {
    applicationId: 'bench',
    cluster,
    maxPollRecords: 5000,
    pollMs: 5,
    // Every update, as the hand-written loop emits them: the cache is measured on its own (timeRecordCache).
    cacheMaxBytes: 0,
  });
  let failure: Error | undefined;
  streams.on('error', (error) => (failure = error));
  settleHeap();
  const start = performance.now();
  await streams.start();
  while (cluster.highWatermark(scenario.outputTopic, 0) < expectedOutputs) {
    if (failure !== undefined) throw failure;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - start;
  await streams.close();
  const output = cluster
    .fetch(scenario.outputTopic, 0, 0, Number.MAX_SAFE_INTEGER)
    .map(({ key, value, timestamp }) => ({ key, value, timestamp }));
  return { ms, output };
}

/** Every input record, in the order Kafka Streams would pick them among the task's partitions. */
export function mergeByTimestamp(scenario: Scenario): { topic: string; record: InputRecord }[] {
  const all = scenario.inputs.flatMap((input) =>
    input.records.map((record) => ({ topic: input.topic, record })),
  );
  // Stable sort keeps each topic's own order for equal timestamps.
  return all.sort((a, b) => a.record.timestamp - b.record.timestamp);
}

/**
 * Compares two outputs byte for byte (and their timestamps, unless `timestamps` is false: the peer has none);
 * returns a description of the first difference, or null.
 */
export function firstDifference(
  actual: readonly OutputRecord[],
  expected: readonly OutputRecord[],
  { timestamps = true }: { timestamps?: boolean } = {},
): string | null {
  if (actual.length !== expected.length) return `${actual.length} records instead of ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (
      !sameBytes(a.key, e.key) ||
      !sameBytes(a.value, e.value) ||
      (timestamps && a.timestamp !== e.timestamp)
    ) {
      const text = (r: OutputRecord): string =>
        `${r.key === null ? 'null' : Buffer.from(r.key).toString('hex')}=${r.value === null ? 'null' : Buffer.from(r.value).toString('hex')}@${r.timestamp}`;
      return `record ${i}: ${text(a)} instead of ${text(e)}`;
    }
  }
  return null;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last value per key (as hex), the table a changelog output describes. */
export function finalTable(output: readonly OutputRecord[]): Map<string, string> {
  const hex = (b: Uint8Array | null): string => (b === null ? 'null' : Buffer.from(b).toString('hex'));
  const table = new Map<string, string>();
  for (const r of output) table.set(hex(r.key), hex(r.value));
  return table;
}

export interface CacheTiming {
  readonly ms: number;
  readonly outputRecords: number;
  /** Whether the output's last value per key equals the hand-written loop's. */
  readonly finalTableMatches: boolean;
}

/**
 * Runs a table-producing scenario on KafkaStreams with the given record cache and commit interval, timed from
 * start() until the output topic's last value per key equals `expected` (with a cache, updates leave at
 * commits, so the clock includes waiting for the commit that releases the last of them).
 */
export async function timeRecordCache(
  scenario: Scenario,
  expected: ReadonlyMap<string, string>,
  cacheMaxBytes: number,
  commitIntervalMs: number,
): Promise<CacheTiming> {
  const cluster = new MemoryCluster({ retentionMs: -1, retentionBytes: -1, segmentBytes: 64 * 1024 * 1024 });
  for (const input of scenario.inputs) {
    cluster.createTopic(input.topic);
    cluster.produce(input.topic, input.records);
  }
  cluster.createTopic(scenario.outputTopic);
  const streams = new KafkaStreams(scenario.build(), {
    applicationId: 'bench-cache',
    cluster,
    maxPollRecords: 5000,
    pollMs: 5,
    cacheMaxBytes,
    commitIntervalMs,
  });
  let failure: Error | undefined;
  streams.on('error', (error) => (failure = error));
  settleHeap();
  const start = performance.now();
  await streams.start();
  const seen = new Map<string, string>();
  let read = 0;
  const hex = (b: Uint8Array | null): string => (b === null ? 'null' : Buffer.from(b).toString('hex'));
  const matches = (): boolean => {
    if (seen.size !== expected.size) return false;
    for (const [k, v] of expected) if (seen.get(k) !== v) return false;
    return true;
  };
  for (;;) {
    if (failure !== undefined) throw failure;
    // A table that never converges is a bug, not a slow run: stop instead of spinning forever.
    if (performance.now() - start > 300_000) {
      await streams.close();
      throw new Error(
        `${scenario.name}: the output never reached the expected table (${seen.size}/${expected.size} keys)`,
      );
    }
    const end = cluster.highWatermark(scenario.outputTopic, 0);
    if (end > read) {
      for (const r of cluster.fetch(scenario.outputTopic, 0, read, end - read))
        seen.set(hex(r.key), hex(r.value));
      read = end;
      if (matches()) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - start;
  await streams.close();
  return { ms, outputRecords: cluster.highWatermark(scenario.outputTopic, 0), finalTableMatches: matches() };
}
