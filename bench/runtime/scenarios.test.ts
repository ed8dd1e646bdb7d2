// The benchmark compares speeds only if the runtime, the peer and the hand-written loops compute the same thing:
// check that on small inputs, byte for byte (no timing here; speeds are measured by run.ts).
import { describe, expect, it } from 'vitest';
import { allScenarios } from './all-scenarios.js';
import {
  firstDifference,
  timeBaseline,
  timeEngine,
  timeKafkaStreams,
  timePeer,
  timeTestDriver,
} from './measure.js';

describe('runtime benchmark scenarios', () => {
  for (const { scenario, singleTask, smallerForPeer } of allScenarios(0.005)) {
    it(`${scenario.name}: the runtime's output equals the hand-written loop's`, async () => {
      const expected = timeBaseline(scenario).output;
      expect(expected.length).toBeGreaterThan(0);
      if (singleTask) expect(firstDifference(timeEngine(scenario).output, expected)).toBeNull();
      expect(firstDifference(timeTestDriver(scenario).output, expected)).toBeNull();
      const streams = await timeKafkaStreams(scenario, expected.length);
      expect(firstDifference(streams.output, expected)).toBeNull();
    });

    it(`${scenario.name}: @kafkats/flow's output equals the hand-written loop's`, async () => {
      // On the full scenario even where the bench gives the peer a smaller one: at this size it is quick.
      for (const target of [scenario, ...(smallerForPeer ? [smallerForPeer.scenario] : [])]) {
        if ('unsupported' in target.peer) {
          expect(target.peer.unsupported).not.toBe('');
          continue;
        }
        const expected = timeBaseline(target).output;
        const peer = await timePeer(target);
        expect(peer).not.toBeNull();
        expect(peer!.output.length).toBeGreaterThan(0);
        expect(firstDifference(peer!.output, expected, { timestamps: false })).toBeNull();
      }
    });
  }
});

describe('firstDifference', () => {
  const record = (value: number, timestamp: number) => ({
    key: new Uint8Array([1]),
    value: new Uint8Array([value]),
    timestamp,
  });

  it('ignores timestamps only when told to, never bytes', () => {
    expect(firstDifference([record(1, 5)], [record(1, 6)])).toMatch(/^record 0/);
    expect(firstDifference([record(1, Number.NaN)], [record(1, 6)], { timestamps: false })).toBeNull();
    expect(firstDifference([record(2, 6)], [record(1, 6)], { timestamps: false })).toMatch(/^record 0/);
    expect(firstDifference([], [record(1, 6)], { timestamps: false })).toBe('0 records instead of 1');
  });
});
