// npm run bench:kafka — throughput over a Kafka-protocol broker (librdkafka's mock on 127.0.0.1, or
// KAFKA_BROKERS): a stateless passthrough topology through the runtime, the same as a raw kafkajs
// consume → produce loop (the ceiling) and as npm `kafka-streams` (the peer), plus word count through the
// runtime, plus failover time (SIGKILL of one of two worker processes → first output of each partition the
// survivor takes over, default group timeouts; BENCH_KILLS, default 3), plus DSL word count with and without
// the record cache (cacheMaxBytes default vs 0; BENCH_CACHE_LINES, default 100000 lines), plus the failover
// of stateful tasks with and without a standby replica (changelogs of BENCH_STANDBY_WORDS records in all,
// default 200000, half of them the killed worker's). All against the same broker in the same run. Prints a table, writes bench/results/kafka.json
// (kafka-real-broker.json with KAFKA_BROKERS). BENCH_RECORDS (default 100000) sets the passthrough input
// size; BENCH_RUNS (default 2) the alternating runs of the raw loop and the runtime (the best of each is
// reported). BENCH_SECTIONS (default all: passthrough,wordcount,failover,cache,standby) runs some of them;
// their results replace those sections in the JSON file and the others stay.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import type { Topology } from '../../runtime/src/topology/topology.js';
import { startTestBroker, uniqueName } from '../../test/kafka/broker.js';
import {
  dslWordCountTopology,
  passthroughTopology,
  sampleLines,
  wordCountTopology,
} from '../../test/kafka/topologies.js';
import { startPeer } from './kafka-streams-peer.js';
import { measureFailover } from './failover.js';
import { startRawLoop } from './raw-kafkajs.js';
import { measureStandbyFailover, type StandbyRun } from './standby.js';
import { measureCommitted, measureOutput, outputCount, type Throughput } from './throughput.js';

const PARTITIONS = 4;
const records = Number(process.env.BENCH_RECORDS ?? '100000');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? '2'));
const kills = Math.max(1, Number(process.env.BENCH_KILLS ?? '3'));
const lines = Math.round(records / 4);
const cacheLines = Number(process.env.BENCH_CACHE_LINES ?? '100000');
const standbyWords = Number(process.env.BENCH_STANDBY_WORDS ?? '200000');
const sections = new Set(
  (process.env.BENCH_SECTIONS ?? 'passthrough,wordcount,failover,cache,standby').split(','),
);
const here = dirname(fileURLToPath(import.meta.url));

const broker = await startTestBroker();
const transport = new KafkaTransport({
  brokers: broker.brokers,
  clientId: 'bench',
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
});

async function fill(topic: string, values: readonly string[]): Promise<void> {
  await broker.createTopic(topic, PARTITIONS);
  const producer = transport.createProducer();
  await producer.connect();
  const encoder = new TextEncoder();
  for (let from = 0; from < values.length; from += 5000) {
    await producer.send(
      values.slice(from, from + 5000).map((value, i) => ({
        topic,
        key: encoder.encode(`key-${(from + i) % 1000}`),
        value: encoder.encode(value),
        timestamp: Date.now(),
      })),
    );
  }
  await producer.close();
}

async function output(): Promise<string> {
  const topic = uniqueName('bench-out');
  await broker.createTopic(topic, PARTITIONS);
  return topic;
}

async function runtime(
  topology: (input: string, output: string) => Topology,
  input: string,
  expected: (out: string) => number,
): Promise<Throughput> {
  const out = await output();
  const app = new KafkaStreams(topology(input, out), {
    applicationId: uniqueName('bench-runtime'),
    transport,
    commitIntervalMs: 1000,
    maxPollRecords: 2000,
    // The measurement counts one output record per input (word): every update, so no record cache.
    cacheMaxBytes: 0,
  });
  await app.start();
  try {
    return await measureOutput(transport, out, PARTITIONS, expected(out));
  } finally {
    await app.close();
  }
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
const fmt = (t: Throughput | { error: string }): string =>
  'recordsPerSec' in t
    ? `${Math.round(t.recordsPerSec).toLocaleString('en')} rec/s (${t.records} in ${Math.round(t.ms)} ms)`
    : `failed: ${t.error}`;
const table: string[] = [];
const runDate = new Date().toISOString();
const result: Record<string, unknown> = {
  date: runDate,
  broker: broker.mock ? 'librdkafka mock cluster (127.0.0.1, 3 brokers)' : 'KAFKA_BROKERS',
  environment: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length },
};
process.stdout.write(`broker: ${broker.mock ? 'librdkafka mock cluster' : broker.brokers.join(',')}\n`);

if (sections.has('passthrough')) {
  const value = 'x'.repeat(100);
  const input = uniqueName('bench-in');
  await fill(
    input,
    Array.from({ length: records }, (_, i) => `${i}:${value}`),
  );
  process.stdout.write(
    `passthrough: ${records} records of ~${value.length + 8} bytes over ${PARTITIONS} partitions\n`,
  );
  const rawLoop = async (): Promise<Throughput> => {
    const out = await output();
    const raw = await startRawLoop(broker.brokers, input, out, uniqueName('bench-raw'));
    try {
      return await measureOutput(transport, out, PARTITIONS, records);
    } finally {
      await raw.stop();
    }
  };
  // Raw loop and runtime alternate, and the best run of each counts, so a burst of load on this shared
  // machine does not decide the ratio.
  const rawRuns: Throughput[] = [];
  const runtimeRuns: Throughput[] = [];
  for (let run = 0; run < runs; run++) {
    rawRuns.push(await rawLoop());
    runtimeRuns.push(await runtime(passthroughTopology, input, () => records));
  }
  const best = (list: Throughput[]): Throughput =>
    list.reduce((a, b) => (b.recordsPerSec > a.recordsPerSec ? b : a));
  const rawResult = best(rawRuns);
  const runtimeResult = best(runtimeRuns);

  let peerResult: Throughput | { error: string };
  try {
    const peerOut = await output();
    const peer = await startPeer(broker.brokers, input, peerOut, uniqueName('bench-peer'));
    try {
      // The peer's own client errors end its run at once, with their reason, rather than a 45 s timeout.
      const peerFailed = new AbortController();
      peer.failed.catch((error: unknown) => peerFailed.abort(error));
      peerResult = await measureOutput(transport, peerOut, PARTITIONS, records, 45_000, peerFailed.signal);
    } finally {
      await peer.stop();
    }
  } catch (error) {
    peerResult = { error: error instanceof Error ? error.message : String(error) };
  }
  const runtimeToRaw = ratio(runtimeResult.recordsPerSec, rawResult.recordsPerSec);
  const runtimeToPeer =
    'recordsPerSec' in peerResult ? ratio(runtimeResult.recordsPerSec, peerResult.recordsPerSec) : null;
  result.passthrough = {
    date: runDate,
    records,
    partitions: PARTITIONS,
    rawKafkajs: rawResult,
    runtime: runtimeResult,
    kafkaStreamsPeer: peerResult,
    runs,
    allRuns: {
      rawKafkajs: rawRuns.map((r) => r.recordsPerSec),
      runtime: runtimeRuns.map((r) => r.recordsPerSec),
    },
    runtimeToRaw,
    runtimeToPeer,
  };
  table.push(
    `raw kafkajs loop      ${fmt(rawResult)}`,
    `runtime passthrough   ${fmt(runtimeResult)}   ${runtimeToRaw}× raw`,
    `kafka-streams (npm)   ${fmt(peerResult)}${runtimeToPeer === null ? '' : `   runtime is ${runtimeToPeer}× the peer`}`,
  );
}

if (sections.has('wordcount')) {
  const textInput = uniqueName('bench-text');
  const text = sampleLines(lines, 3);
  await fill(textInput, text);
  const words = text.reduce((sum, line) => sum + line.split(' ').length, 0);
  // Word count writes one (word, count) per word; its input rate is what is compared.
  const wordCount = await runtime(wordCountTopology, textInput, () => words);
  const wordCountLinesPerSec = (wordCount.recordsPerSec * lines) / words;
  result.wordCount = {
    date: runDate,
    lines,
    words,
    outputRecordsPerSec: wordCount.recordsPerSec,
    inputLinesPerSec: wordCountLinesPerSec,
  };
  table.push(
    `word count (runtime)  ${fmt(wordCount)} output; ${Math.round(wordCountLinesPerSec).toLocaleString('en')} input lines/s`,
  );
}

if (sections.has('failover')) {
  const failover = await measureFailover(broker, transport, kills);
  result.failover = {
    date: runDate,
    groupTimeouts: 'defaults (sessionTimeoutMs 6000, heartbeatIntervalMs 1500, rebalanceTimeoutMs 30000)',
    ...failover,
  };
  table.push(
    `failover              SIGKILL → first output of each taken-over partition: median ${failover.medianMs} ms, ` +
      `max ${failover.maxMs} ms over ${kills} kills (${failover.runs.map((r) => JSON.stringify(r.takeoverMs)).join(' ')})`,
  );
}

if (sections.has('cache')) {
  // DSL word count (its count store is cached) with the default record cache and without; commits every
  // second in both, which is when the cache flushes.
  const cacheInput = uniqueName('bench-cache-text');
  const text = sampleLines(cacheLines, 5);
  await fill(cacheInput, text);
  const words = text.reduce((sum, line) => sum + line.split(' ').length, 0);
  const measure = async (cacheMaxBytes: number | undefined) => {
    const out = await output();
    const applicationId = uniqueName('bench-cache');
    const topology = dslWordCountTopology(cacheInput, out);
    const builder = topology.internalBuilder;
    const repartition = [...builder.internalTopics.keys()].map((t) => builder.resolveTopic(applicationId, t));
    const app = new KafkaStreams(topology, {
      applicationId,
      transport,
      commitIntervalMs: 1000,
      maxPollRecords: 2000,
      cacheMaxBytes,
    });
    await app.start();
    try {
      const input = await measureCommitted(transport, applicationId, cacheInput, PARTITIONS, repartition);
      return { input, outputRecords: await outputCount(transport, out, PARTITIONS) };
    } finally {
      await app.close();
    }
  };
  const cached = await measure(undefined);
  const uncached = await measure(0);
  result.recordCache = {
    date: runDate,
    lines: cacheLines,
    words,
    commitIntervalMs: 1000,
    defaultCache: { cacheMaxBytes: '10 MiB (default)', ...cached },
    noCache: { cacheMaxBytes: 0, ...uncached },
    cachedToUncached: ratio(cached.input.recordsPerSec, uncached.input.recordsPerSec),
  };
  table.push(
    `DSL word count, cache ${fmt(cached.input)} input lines; ${cached.outputRecords} output records`,
    `DSL word count, none  ${fmt(uncached.input)} input lines; ${uncached.outputRecords} output records   ` +
      `cache: ${ratio(cached.input.recordsPerSec, uncached.input.recordsPerSec)}× the lines/s`,
  );
}

if (sections.has('standby')) {
  const modes: StandbyRun[] = [];
  for (const replicas of [0, 1])
    modes.push(await measureStandbyFailover(broker, transport, replicas, standbyWords));
  result.standby = { date: runDate, runs: modes };
  for (const m of modes) {
    table.push(
      `failover, standby ${m.standbyReplicas}   restored ${m.restoredRecords} of ${m.changelogRecords} changelog records ` +
        `in ${m.restoreMs} ms; SIGKILL → restored ${m.killToRestoredMs} ms`,
    );
  }
}

process.stdout.write(`${table.join('\n')}\n`);
// The mock's figures (what CI measures) and a real broker's are kept apart; sections not run stay as they were.
const file = join(here, '..', 'results', broker.mock ? 'kafka.json' : 'kafka-real-broker.json');
mkdirSync(dirname(file), { recursive: true });
const previous: Record<string, unknown> = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
  : {};
writeFileSync(file, `${JSON.stringify({ ...previous, ...result }, null, 2)}\n`);
process.stdout.write(`written to ${file}\n`);
await transport.close();
await broker.stop();
process.exit(0);
