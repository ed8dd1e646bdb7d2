// npm run bench:runtime — records per second of the runtime against hand-written loops computing the same
// result on the same data in the same process. Prints a table and writes bench/results/runtime.json.
// BENCH_SCALE (default 1) scales the input sizes; BENCH_RUNS (default 3) sets the measured runs per method.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  firstDifference,
  inputCount,
  timeBaseline,
  timeEngine,
  finalTable,
  timeKafkaStreams,
  timePeer,
  timeRecordCache,
  timeTestDriver,
  type Timing,
} from './measure.js';
import { allScenarios, type BenchEntry } from './all-scenarios.js';
import { PEER_COMPARED_ON } from './peer-kafkats.js';
import { wordCount } from './scenarios.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? '3'));

interface MethodResult {
  readonly recordsPerSec: number;
  readonly medianMs: number;
  readonly ratioToHandWritten: number;
  readonly outputMatchesHandWritten: boolean;
  readonly difference?: string;
}

type PeerResult =
  | (MethodResult & {
      readonly comparedOn: string;
      /** Set when the peer ran a smaller instance of the scenario (and the ratio is to the loop on that). */
      readonly inputRecords?: number;
      readonly note?: string;
    })
  | { readonly unsupported: string };

interface ScenarioResult {
  readonly name: string;
  readonly inputRecords: number;
  readonly outputRecords: number;
  readonly handWritten: { recordsPerSec: number; medianMs: number };
  readonly engine?: MethodResult;
  readonly testDriver: MethodResult;
  readonly kafkaStreams: MethodResult;
  /** @kafkats/flow on its own TestDriver. */
  readonly peer: PeerResult;
}

function median(timings: Timing[]): Timing {
  const sorted = [...timings].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function method(records: number, timing: Timing, baseline: Timing, timestamps = true): MethodResult {
  const recordsPerSec = (records * 1000) / timing.ms;
  const difference = firstDifference(timing.output, baseline.output, { timestamps });
  return {
    recordsPerSec,
    medianMs: timing.ms,
    ratioToHandWritten: baseline.ms / timing.ms,
    outputMatchesHandWritten: difference === null,
    ...(difference === null ? {} : { difference }),
  };
}

async function runScenario(entry: BenchEntry): Promise<ScenarioResult> {
  const { scenario, singleTask } = entry;
  const peerScenario = entry.smallerForPeer?.scenario;
  const records = inputCount(scenario);
  const expected = timeBaseline(scenario).output.length;
  const peerOn = peerScenario ?? scenario;
  // Warm-up, so the JIT has compiled every hot path before anything is timed.
  if (singleTask) timeEngine(scenario);
  timeTestDriver(scenario);
  await timeKafkaStreams(scenario, expected);
  await timePeer(peerOn);
  // The machine may be shared: interleave the methods round by round so load changes hit all of them alike.
  const baselines: Timing[] = [];
  const engines: Timing[] = [];
  const drivers: Timing[] = [];
  const streams: Timing[] = [];
  const peerBaselines: Timing[] = [];
  const peers: Timing[] = [];
  for (let round = 0; round < runs; round++) {
    baselines.push(timeBaseline(scenario));
    if (singleTask) engines.push(timeEngine(scenario));
    drivers.push(timeTestDriver(scenario));
    streams.push(await timeKafkaStreams(scenario, expected));
    if (peerScenario !== undefined) peerBaselines.push(timeBaseline(peerScenario));
    const peer = await timePeer(peerOn);
    if (peer !== null) peers.push(peer);
  }
  const baseline = median(baselines);
  return {
    name: scenario.name,
    inputRecords: records,
    outputRecords: baseline.output.length,
    handWritten: { recordsPerSec: (records * 1000) / baseline.ms, medianMs: baseline.ms },
    ...(singleTask ? { engine: method(records, median(engines), baseline) } : {}),
    testDriver: method(records, median(drivers), baseline),
    kafkaStreams: method(records, median(streams), baseline),
    peer: peerResult(entry, peers, peerScenario === undefined ? baseline : median(peerBaselines)),
  };
}

function peerResult(entry: BenchEntry, timings: Timing[], baseline: Timing): PeerResult {
  const smaller = entry.smallerForPeer;
  const scenario = smaller?.scenario ?? entry.scenario;
  if ('unsupported' in scenario.peer) return { unsupported: scenario.peer.unsupported };
  const result = method(inputCount(scenario), median(timings), baseline, false);
  const sizes = smaller === undefined ? {} : { inputRecords: inputCount(scenario), note: smaller.why };
  return { ...result, comparedOn: PEER_COMPARED_ON, ...sizes };
}

function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M/s`;
  return `${(perSec / 1e3).toFixed(perSec < 1e4 ? 1 : 0)} k/s`;
}

/** Two significant digits at least, so a ratio far below 1 does not print as 0.00. */
function formatRatio(ratio: number): string {
  return ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2);
}

function formatMethod(result: MethodResult | undefined): string {
  if (result === undefined) return '—';
  const mark = result.outputMatchesHandWritten ? '' : ' (OUTPUT DIFFERS)';
  return `${formatRate(result.recordsPerSec)} (${formatRatio(result.ratioToHandWritten)}×)${mark}`;
}

function formatPeer(result: PeerResult): string {
  if ('unsupported' in result) return 'unsupported';
  const smaller = result.inputRecords === undefined ? '' : ` on ${result.inputRecords} records*`;
  return `${formatMethod(result)}${smaller}`;
}

/** How many times faster our TopologyTestDriver is than the peer's TestDriver, both in-memory test harnesses. */
function formatVersusPeer(r: ScenarioResult): string {
  if ('unsupported' in r.peer) return '—';
  return `${(r.testDriver.recordsPerSec / r.peer.recordsPerSec).toFixed(1)}×${r.peer.inputRecords === undefined ? '' : '*'}`;
}

interface CacheResult {
  readonly scenario: string;
  readonly cacheMaxBytes: number;
  readonly commitIntervalMs: number;
  readonly inputRecords: number;
  readonly outputRecords: number;
  readonly inputRecordsPerSec: number;
  readonly medianMs: number;
  readonly finalTableMatchesHandWritten: boolean;
}

const CACHE_CONFIGS = [
  { cacheMaxBytes: 0, commitIntervalMs: 100 },
  { cacheMaxBytes: 10 * 1024 * 1024, commitIntervalMs: 100 },
  { cacheMaxBytes: 10 * 1024 * 1024, commitIntervalMs: 1000 },
] as const;

/**
 * Word count on KafkaStreams over the embedded cluster with and without the record cache: input records/s until
 * the output holds the final counts, and how many output records it took to get there.
 */
async function runRecordCache(): Promise<CacheResult[]> {
  const scenario = wordCount(Math.max(100, Math.round(20_000 * scale)));
  process.stdout.write(`running ${scenario.name} with and without the record cache …\n`);
  const expected = finalTable(scenario.baseline());
  const records = inputCount(scenario);
  const results: CacheResult[] = [];
  for (const config of CACHE_CONFIGS) {
    await timeRecordCache(scenario, expected, config.cacheMaxBytes, config.commitIntervalMs); // warm-up
    const timings = [];
    for (let round = 0; round < runs; round++)
      timings.push(await timeRecordCache(scenario, expected, config.cacheMaxBytes, config.commitIntervalMs));
    const mid = [...timings].sort((a, b) => a.ms - b.ms)[Math.floor(timings.length / 2)]!;
    results.push({
      scenario: scenario.name,
      ...config,
      inputRecords: records,
      outputRecords: mid.outputRecords,
      inputRecordsPerSec: (records * 1000) / mid.ms,
      medianMs: mid.ms,
      finalTableMatchesHandWritten: timings.every((t) => t.finalTableMatches),
    });
  }
  const header = ['record cache', 'commit interval', 'input records', 'output records', 'input records/s'];
  const rows = results.map((r) => [
    r.cacheMaxBytes === 0 ? 'off (0 bytes)' : `${r.cacheMaxBytes / 1024 / 1024} MiB`,
    `${r.commitIntervalMs} ms`,
    String(r.inputRecords),
    String(r.outputRecords),
    formatRate(r.inputRecordsPerSec) + (r.finalTableMatchesHandWritten ? '' : ' (FINAL TABLE DIFFERS)'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write(
    '\n(word count on KafkaStreams over the MemoryCluster, clocked until the output holds the final counts)\n',
  );
  return results;
}

async function main(): Promise<void> {
  const results: ScenarioResult[] = [];
  for (const entry of allScenarios(scale)) {
    process.stdout.write(`running ${entry.scenario.name} …\n`);
    results.push(await runScenario(entry));
  }
  const header = [
    'scenario',
    'input records',
    'hand-written loop',
    'engine (one StreamTask)',
    'TopologyTestDriver',
    'KafkaStreams on MemoryCluster',
    '@kafkats/flow TestDriver',
    'our TestDriver ÷ peer',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.inputRecords),
    formatRate(r.handWritten.recordsPerSec),
    formatMethod(r.engine),
    formatMethod(r.testDriver),
    formatMethod(r.kafkaStreams),
    formatPeer(r.peer),
    formatVersusPeer(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write(
    '\n(ratio = speed relative to the hand-written loop on the same data; higher is better)\n',
  );
  for (const r of results) {
    if (!('unsupported' in r.peer) && r.peer.note !== undefined) process.stdout.write(`* ${r.peer.note}\n`);
  }
  process.stdout.write(`(@kafkats/flow outputs compared on ${PEER_COMPARED_ON})\n`);
  const recordCache = await runRecordCache();

  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'runtime.json');
  mkdirSync(dirname(file), { recursive: true });
  const environment = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length };
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), scale, runs, environment, results, recordCache }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${file}\n`);
  if (
    results.some(
      (r) =>
        !r.kafkaStreams.outputMatchesHandWritten ||
        !r.testDriver.outputMatchesHandWritten ||
        r.engine?.outputMatchesHandWritten === false ||
        ('outputMatchesHandWritten' in r.peer && !r.peer.outputMatchesHandWritten),
    ) ||
    recordCache.some((r) => !r.finalTableMatchesHandWritten)
  ) {
    process.stdout.write(
      'some outputs differ from the hand-written loop: the comparison is not like for like\n',
    );
    process.exitCode = 1;
  }
}

await main();
