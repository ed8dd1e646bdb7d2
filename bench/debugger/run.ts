// The stream debugger's costs (bench/debugger), on the stock-stats example (one-minute windows, suppress):
//  1. step latency of a replay at 10k and 100k recorded inputs: one step forward, one step back (a re-run from
//     the first record), a jump to the middle from the end, and reading the state at the end;
//  2. session throughput on the embedded cluster with the recording on (what every run pays) vs off;
//  3. engine throughput with the debugger's tracer on (TraceCollector, what a replay pays) vs off, on the
//     TopologyTestDriver.
//
//   npx tsx bench/debugger/run.ts [rounds=5]
import { mkdir, writeFile } from 'node:fs/promises';
import {
  KafkaStreams,
  MemoryCluster,
  Replay,
  Serdes,
  TopologyTestDriver,
  type ReplayInput,
  type Topology,
} from '@topograph/runtime';
import { buildTopology, STATS_TOPIC, TRADES_TOPIC } from '../../examples/stock-stats/topology.js';
import { RecordingCluster } from '../../host/src/sessions/recording-cluster.js';
import { TraceCollector } from '../../runtime/src/debug/trace-collector.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const TICKERS = ['ACME', 'INIT', 'GLOB', 'KAFK', 'TOPO', 'STRM', 'WIND', 'JOIN'];
const key = Serdes.string();
const json = Serdes.json<{ ticker: string; price: number; volume: number }>();

/** `n` trades, one every 100 ms of event time with every 50th one 2 minutes late (dropped as late). */
function trades(n: number): ReplayInput[] {
  const out: ReplayInput[] = [];
  for (let i = 0; i < n; i++) {
    const ticker = TICKERS[i % TICKERS.length] as string;
    const timestamp = i * 100 - (i % 50 === 49 ? 120_000 : 0);
    out.push({
      topic: TRADES_TOPIC,
      partition: 0,
      key: key.serialize(ticker, TRADES_TOPIC),
      value: json.serialize({ ticker, price: 100 + (i % 17), volume: 1 + (i % 5) }, TRADES_TOPIC),
      timestamp: Math.max(0, timestamp),
    });
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

function stepLatency(n: number): Record<string, number> {
  const inputs = trades(n);
  const forward: number[] = [];
  const back: number[] = [];
  const backSeen: number[] = [];
  const jump: number[] = [];
  const state: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const replay = new Replay(buildTopology, inputs);
    replay.jumpTo(n - 1);
    replay.state();
    forward.push(ms(() => replay.stepForward()));
    state.push(ms(() => void replay.state()));
    // Back to a point shown before: its state is cached.
    backSeen.push(ms(() => void (replay.stepBack(), replay.state())));
    // Back to a point never shown: a re-run from the first input.
    back.push(ms(() => void (replay.stepBack(), replay.state())));
    replay.jumpTo(n);
    jump.push(ms(() => replay.jumpTo(Math.floor(n / 2))));
    replay.close();
  }
  return {
    records: n,
    stepForwardMs: Number(median(forward).toFixed(3)),
    stepBackSeenMs: Number(median(backSeen).toFixed(3)),
    stepBackRerunMs: Math.round(median(back)),
    jumpToMiddleMs: Math.round(median(jump)),
    stateMs: Number(median(state).toFixed(3)),
  };
}

/** Records per second through KafkaStreams on the embedded cluster, sent in chunks as the Producer panel does. */
async function session(cluster: MemoryCluster, inputs: ReplayInput[]): Promise<number> {
  cluster.createTopic(TRADES_TOPIC, { partitions: 1 });
  cluster.createTopic(STATS_TOPIC, { partitions: 1 });
  const applicationId = `bench-debugger-${Date.now()}`;
  const streams = new KafkaStreams(buildTopology(), {
    applicationId,
    cluster,
    pollMs: 5,
    // Progress is read from the committed offset; both modes commit equally often.
    commitIntervalMs: 20,
    metricsIntervalMs: 3_600_000,
    cacheMaxBytes: 0,
  });
  await streams.start();
  const start = performance.now();
  for (let i = 0; i < inputs.length; i += 500) {
    const chunk = inputs.slice(i, i + 500);
    cluster.produce(
      TRADES_TOPIC,
      chunk.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })),
    );
    const wanted = i + chunk.length;
    while ((cluster.committedOffset(applicationId, TRADES_TOPIC, 0) ?? 0) < wanted)
      await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const seconds = (performance.now() - start) / 1000;
  await streams.close();
  return inputs.length / seconds;
}

function engine(build: () => Topology, inputs: ReplayInput[], traced: boolean): number {
  const topology = build();
  const collector = new TraceCollector(new Map(), new Map(), () => null);
  const driver = new TopologyTestDriver(topology, {
    initialWallClockTime: 0,
    ...(traced ? { tracer: collector } : {}),
  });
  const topic = driver.createInputTopic(TRADES_TOPIC, {
    keySerde: Serdes.bytes(),
    valueSerde: Serdes.bytes(),
  });
  const start = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const r = inputs[i] as ReplayInput;
    if (traced) collector.beginInput(i);
    topic.pipeInput(r.key, r.value, r.timestamp);
  }
  const seconds = (performance.now() - start) / 1000;
  driver.close();
  return inputs.length / seconds;
}

const steps = [stepLatency(10_000), stepLatency(100_000)];

const sessionInputs = trades(20_000);
const recOff: number[] = [];
const recOn: number[] = [];
await session(new MemoryCluster(), trades(1_000)); // warm-up (JIT)
for (let r = 0; r < ROUNDS; r++) {
  recOff.push(await session(new MemoryCluster(), sessionInputs));
  recOn.push(
    await session(new RecordingCluster(new Set([TRADES_TOPIC]), new Set([STATS_TOPIC])), sessionInputs),
  );
}

const engineInputs = trades(50_000);
const traceOff: number[] = [];
const traceOn: number[] = [];
engine(buildTopology, trades(2_000), true); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  traceOff.push(engine(buildTopology, engineInputs, false));
  traceOn.push(engine(buildTopology, engineInputs, true));
}

const result = {
  benchmark: 'stream debugger: replay step latency; session with recording on/off; engine with tracer on/off',
  command: `npx tsx bench/debugger/run.ts ${ROUNDS}`,
  rounds: ROUNDS,
  steps,
  session: {
    records: sessionInputs.length,
    recordingOffPerSec: Math.round(median(recOff)),
    recordingOnPerSec: Math.round(median(recOn)),
    ratio: Number((median(recOn) / median(recOff)).toFixed(3)),
    goal: 0.9,
    samples: { off: recOff.map(Math.round), on: recOn.map(Math.round) },
  },
  engine: {
    records: engineInputs.length,
    tracerOffPerSec: Math.round(median(traceOff)),
    tracerOnPerSec: Math.round(median(traceOn)),
    ratio: Number((median(traceOn) / median(traceOff)).toFixed(3)),
    samples: { off: traceOff.map(Math.round), on: traceOn.map(Math.round) },
  },
  node: process.version,
  date: new Date().toISOString(),
};

console.log(
  '| recorded inputs | step forward | read state | step back (seen) | step back (re-run) | jump to middle |',
);
console.log('|---|---|---|---|---|---|');
for (const s of steps)
  console.log(
    `| ${s.records} | ${s.stepForwardMs} ms | ${s.stateMs} ms | ${s.stepBackSeenMs} ms | ${s.stepBackRerunMs} ms | ${s.jumpToMiddleMs} ms |`,
  );
console.log('');
console.log('| mode | records/s (median of %d) |', ROUNDS);
console.log('|---|---|');
console.log(`| session, recording off | ${result.session.recordingOffPerSec} |`);
console.log(`| session, recording on | ${result.session.recordingOnPerSec} |`);
console.log(`| engine (TopologyTestDriver), tracer off | ${result.engine.tracerOffPerSec} |`);
console.log(`| engine (TopologyTestDriver), tracer on | ${result.engine.tracerOnPerSec} |`);
console.log(
  `session on/off ${result.session.ratio} (goal ≥ 0.9); engine tracer on/off ${result.engine.ratio}`,
);
await mkdir(new URL('../results/', import.meta.url), { recursive: true });
await writeFile(new URL('../results/debugger.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
