// CPU profiles of the runtime on the benchmark scenarios: runs one scenario once to warm up, then PROFILE_RUNS
// (default 3) times more, on the chosen method, so the profile is mostly of compiled code. Run it under V8's profiler, one process per scenario, and summarise the profile:
//
//   PROFILE_WINDOW=/tmp/window.json node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx \
//     bench/runtime/profile.ts streams "word count"
//   npx tsx bench/runtime/cpuprofile-summary.ts /tmp/prof/CPU.*.0.001.cpuprofile 25 /tmp/window.json
//
// PROFILE_WINDOW names a file to write the monotonic-clock interval (µs, V8's profile clock) of the measured
// runs to, so the summary leaves out module loading, compilation, input generation and the warm-up.
// Methods: engine (one StreamTask), driver (TopologyTestDriver), streams (KafkaStreams on MemoryCluster).
// BENCH_SCALE scales the inputs as in run.ts. Write profiles outside the repository (they are not committed).

import { writeFileSync } from 'node:fs';
import { allScenarios } from './all-scenarios.js';
import { timeBaseline, timeEngine, timeKafkaStreams, timeTestDriver, type Scenario } from './measure.js';

const method = process.argv[2] ?? 'streams';
const only = process.argv[3] ?? '';
const scale = Number(process.env.BENCH_SCALE ?? '1');
const runs = Math.max(1, Number(process.env.PROFILE_RUNS ?? '3'));
const windowFile = process.env.PROFILE_WINDOW;
const micros = (): number => Number(process.hrtime.bigint() / 1000n);

async function runOnce(scenario: Scenario, expected: number): Promise<number> {
  if (method === 'engine') return timeEngine(scenario).ms;
  if (method === 'driver') return timeTestDriver(scenario).ms;
  if (method === 'streams') return (await timeKafkaStreams(scenario, expected)).ms;
  throw new Error(`unknown method ${method}: use engine, driver or streams`);
}

for (const { scenario, singleTask } of allScenarios(scale)) {
  if (!scenario.name.includes(only)) continue;
  if (method === 'engine' && !singleTask) throw new Error(`${scenario.name} has more than one sub-topology`);
  const expected = timeBaseline(scenario).output.length;
  const warm = await runOnce(scenario, expected);
  const timings: string[] = [];
  const fromUs = micros();
  for (let run = 0; run < runs; run++) timings.push((await runOnce(scenario, expected)).toFixed(0));
  if (windowFile !== undefined) writeFileSync(windowFile, JSON.stringify({ fromUs, toUs: micros() }));
  process.stdout.write(
    `${scenario.name} on ${method}: ${warm.toFixed(0)} ms warm-up, then ${timings.join(', ')} ms\n`,
  );
}
