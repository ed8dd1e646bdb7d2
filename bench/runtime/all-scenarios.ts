import type { Scenario } from './measure.js';
import { statelessChain, streamStreamJoin, windowedAggregation, wordCount } from './scenarios.js';

export interface BenchEntry {
  readonly scenario: Scenario;
  /** The engine can run it as one StreamTask (one sub-topology). */
  readonly singleTask: boolean;
  /**
   * A smaller instance of the same scenario for the peer, where it cannot finish the full input in reasonable
   * time, and why; the peer is then timed on it against the hand-written loop on the same smaller input.
   */
  readonly smallerForPeer?: { readonly scenario: Scenario; readonly why: string };
}

/** Every benchmarked scenario at `scale`. */
export function allScenarios(scale: number): BenchEntry[] {
  const n = (base: number): number => Math.max(100, Math.round(base * scale));
  return [
    { scenario: statelessChain(n(200_000)), singleTask: true },
    { scenario: wordCount(n(20_000)), singleTask: false },
    { scenario: windowedAggregation(n(100_000)), singleTask: true },
    {
      scenario: streamStreamJoin(n(100_000)),
      singleTask: true,
      smallerForPeer: {
        scenario: streamStreamJoin(n(2_000)),
        why:
          "@kafkats/flow's InMemoryWindowStore.fetch scans the whole store (all(), decoding every key and " +
          'value) and old windows expire only every 60 s of stream time, up to ~15,000 entries per side here: ' +
          'its join is quadratic (10,000 records took 320 s, 100,000 would take hours), so it runs on ' +
          'the first 2,000-record instance of the scenario, a rate it cannot keep on the full input',
      },
    },
  ];
}
