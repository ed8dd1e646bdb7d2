// Session throughput with live metrics and record taps on versus off, same run (bench/metrics).
// "on" is what a session in the designer runs: tap peeks on every stream edge with every tap active, and
// metrics snapshots every 500 ms turned into the canvas view. "off" is the plain generated topology with no
// snapshot listener. Both run word count on the embedded cluster in this process, alternating, and the
// median of each is compared.
//
//   npx tsx bench/metrics/run.ts [lines=20000] [rounds=7]
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadDocument, type TopologyDocument } from '@topograph/document';
import { generate } from '@topograph/codegen';
import { KafkaStreams, MemoryCluster, Serdes } from '@topograph/runtime';
import { instrumentTaps } from '../../host/src/sessions/instrument.js';
import { loadTopology } from '../../host/src/sessions/load-topology.js';
import { MetricsView } from '../../host/src/sessions/metrics-view.js';
import { TapBuffer, TAP_GLOBAL } from '../../host/src/sessions/tap-buffer.js';

const LINES = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const CHUNK = 500;
const WORDS = 'the quick brown fox jumps over lazy dog and runs far away from home today'.split(' ');

function lines(count: number): { values: string[]; words: number } {
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const values: string[] = [];
  let words = 0;
  for (let i = 0; i < count; i++) {
    const n = 4 + Math.floor(next() * 8);
    words += n;
    values.push(Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '));
  }
  return { values, words };
}

async function once(
  code: string,
  doc: TopologyDocument,
  instrumented: boolean,
  tapIds: string[],
  input: string[],
  expected: number,
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'topograph-bench-metrics-'));
  let tapped = 0;
  const taps = new TapBuffer(() => undefined);
  // Counting calls costs the "on" side a little more than a session pays: a conservative comparison.
  (globalThis as Record<string, unknown>)[TAP_GLOBAL] = (id: string, k: unknown, v: unknown) => {
    tapped++;
    taps.record(id, k, v);
  };
  if (instrumented) taps.activate(tapIds);
  const cluster = new MemoryCluster();
  cluster.createTopic('text', { partitions: 1 });
  cluster.createTopic('word-counts', { partitions: 1 });
  const topology = await loadTopology(code, dir);
  const streams = new KafkaStreams(topology, {
    applicationId: `bench-${instrumented ? 'on' : 'off'}-${Date.now()}`,
    cluster,
    pollMs: 5,
    metricsIntervalMs: instrumented ? 500 : 3_600_000,
    // The run waits for one output record per word: every update, so no record cache.
    cacheMaxBytes: 0,
  });
  if (instrumented) {
    const view = new MetricsView('bench', doc, new Map());
    streams.on('metrics', (s) => void view.update(s));
  }
  await streams.start();
  const key = Serdes.string();
  const start = performance.now();
  // Sent in chunks, each once the previous one is through, as the producer panel and generator do; one
  // huge batch would measure the embedded cluster's log handling rather than the session.
  let sent = 0;
  let wanted = 0;
  for (let i = 0; i < input.length; i += CHUNK) {
    const chunk = input.slice(i, i + CHUNK);
    wanted += chunk.reduce((n, line) => n + line.split(' ').length, 0);
    cluster.produce(
      'text',
      chunk.map((v, j) => ({
        key: key.serialize(`l${i + j}`, 'text'),
        value: key.serialize(v, 'text'),
        timestamp: 1000 + i + j,
      })),
    );
    sent += chunk.length;
    while (cluster.highWatermark('word-counts', 0) < wanted) await new Promise((r) => setTimeout(r, 1));
  }
  if (wanted !== expected || sent !== input.length)
    throw new Error(`sent ${wanted} words, expected ${expected}`);
  const seconds = (performance.now() - start) / 1000;
  await streams.close();
  taps.stop();
  await rm(dir, { recursive: true, force: true });
  if (instrumented && tapped === 0) throw new Error('taps were on but recorded nothing');
  return input.length / seconds;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const loaded = loadDocument(
  readFileSync(new URL('../../examples/word-count.topology.json', import.meta.url), 'utf8'),
);
if (!loaded.document) throw new Error('examples/word-count.topology.json does not load');
const doc = loaded.document;
const plain = (await generate(doc, { typeCheck: false })).files[0]?.content ?? '';
const inst = instrumentTaps(doc);
const tappedCode = (await generate(inst.document, { typeCheck: false })).files[0]?.content ?? '';
const { values, words } = lines(LINES);

const off: number[] = [];
const on: number[] = [];
await once(plain, doc, false, [], values.slice(0, 500), lines(500).words); // warm-up (JIT)
for (let r = 0; r < ROUNDS; r++) {
  off.push(await once(plain, doc, false, [], values, words));
  on.push(await once(tappedCode, doc, true, [...inst.tapEdges.keys()], values, words));
}
const result = {
  benchmark: 'session throughput, word count on the embedded cluster, metrics+taps on vs off',
  command: `npx tsx bench/metrics/run.ts ${LINES} ${ROUNDS}`,
  lines: LINES,
  words,
  rounds: ROUNDS,
  offLinesPerSec: Math.round(median(off)),
  onLinesPerSec: Math.round(median(on)),
  ratio: Number((median(on) / median(off)).toFixed(3)),
  goal: 0.95,
  samples: { off: off.map(Math.round), on: on.map(Math.round) },
  node: process.version,
  date: new Date().toISOString(),
};
console.log('| mode | lines/s (median of %d) | words/s |', ROUNDS);
console.log('|---|---|---|');
console.log(
  `| metrics+taps off | ${result.offLinesPerSec} | ${Math.round((result.offLinesPerSec * words) / LINES)} |`,
);
console.log(
  `| metrics+taps on | ${result.onLinesPerSec} | ${Math.round((result.onLinesPerSec * words) / LINES)} |`,
);
console.log(`ratio on/off: ${result.ratio} (goal ≥ ${result.goal})`);
const out = new URL('../results/', import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(new URL('metrics.json', out), JSON.stringify(result, null, 2) + '\n');
