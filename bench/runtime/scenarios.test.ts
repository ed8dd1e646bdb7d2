// The benchmark compares speeds only if the runtime and the hand-written loops compute the same thing: check
// that on small inputs, byte for byte (no timing here; speeds are measured by run.ts).
import { describe, expect, it } from 'vitest';
import { allScenarios } from './all-scenarios.js';
import { firstDifference, timeBaseline, timeEngine, timeKafkaStreams } from './measure.js';

describe('runtime benchmark scenarios', () => {
  for (const { scenario, singleTask } of allScenarios(0.005)) {
    it(`${scenario.name}: the runtime's output equals the hand-written loop's`, async () => {
      const expected = timeBaseline(scenario).output;
      expect(expected.length).toBeGreaterThan(0);
      if (singleTask) expect(firstDifference(timeEngine(scenario).output, expected)).toBeNull();
      const streams = await timeKafkaStreams(scenario, expected.length);
      expect(firstDifference(streams.output, expected)).toBeNull();
    });
  }
});
