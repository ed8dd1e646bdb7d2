import type { Scenario } from './measure.js';
import { statelessChain, streamStreamJoin, windowedAggregation, wordCount } from './scenarios.js';

/** Every benchmarked scenario at `scale`; `singleTask` marks those the engine can run as one StreamTask. */
export function allScenarios(scale: number): { scenario: Scenario; singleTask: boolean }[] {
  const n = (base: number): number => Math.max(100, Math.round(base * scale));
  return [
    { scenario: statelessChain(n(200_000)), singleTask: true },
    { scenario: wordCount(n(20_000)), singleTask: false },
    { scenario: windowedAggregation(n(100_000)), singleTask: true },
    { scenario: streamStreamJoin(n(100_000)), singleTask: true },
  ];
}
