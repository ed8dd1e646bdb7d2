import { describe, expect, it } from 'vitest';
import type { StateStore } from '../processor/api.js';
import { NodeMetrics } from './node-metrics.js';
import { SnapshotCollector, type TaskMetricsSource } from './snapshot-collector.js';

function task(nodes: NodeMetrics[], stores: StateStore[] = []): TaskMetricsSource {
  return { nodeMetrics: () => nodes, stores: () => stores };
}

const store = (name: string, entries: number): StateStore => ({ name, approximateNumEntries: () => entries });

describe('SnapshotCollector', () => {
  it('sums nodes across tasks, computes the interval rate and latency percentiles', () => {
    let now = 10_000;
    const collector = new SnapshotCollector('app', () => now);
    const a = new NodeMetrics('filter');
    const b = new NodeMetrics('filter');
    a.recordsIn = 300;
    a.recordsOut = 100;
    b.recordsIn = 200;
    b.errors = 2;
    b.lateDrops = 1;
    for (let i = 0; i < 98; i++) a.latency.record(0.01);
    a.latency.record(5);
    a.latency.record(5);
    now += 2000;
    const snapshot = collector.snapshot(
      'RUNNING',
      [task([a], [store('counts', 3)]), task([b], [store('counts', 4)])],
      [{ topic: 'in', partition: 0, position: 5, highWatermark: 9, lag: 4 }],
    );
    expect(snapshot.applicationId).toBe('app');
    expect(snapshot.intervalMs).toBe(2000);
    expect(snapshot.nodes).toEqual([
      {
        name: 'filter',
        recordsIn: 500,
        recordsOut: 100,
        errors: 2,
        lateDrops: 1,
        ratePerSec: 250,
        outRatePerSec: 50,
        latencyP50Ms: expect.any(Number),
        latencyP99Ms: expect.any(Number),
      },
    ]);
    const [node] = snapshot.nodes;
    expect(node!.latencyP50Ms!).toBeLessThan(0.02);
    expect(node!.latencyP99Ms!).toBeGreaterThan(4);
    expect(snapshot.stores).toEqual([{ name: 'counts', entries: 7 }]);
    expect(snapshot.sources[0]!.lag).toBe(4);
  });

  it('keeps totals across intervals and closed tasks, while rates and latencies cover one interval', () => {
    let now = 0;
    const collector = new SnapshotCollector('app', () => now);
    const node = new NodeMetrics('map');
    node.recordsIn = 10;
    node.recordsOut = 4;
    node.latency.record(1);
    collector.drain(task([node]));
    now = 1000;
    const first = collector.snapshot('RUNNING', [], []);
    expect(first.nodes[0]).toMatchObject({ recordsIn: 10, ratePerSec: 10 });
    expect(first.nodes[0]).toMatchObject({ recordsOut: 4, outRatePerSec: 4 });
    expect(first.nodes[0]!.latencyP50Ms).not.toBeNull();
    now = 2000;
    const second = collector.snapshot('RUNNING', [], []);
    expect(second.nodes[0]).toMatchObject({ recordsIn: 10, ratePerSec: 0, latencyP50Ms: null });
    expect(second.nodes[0]).toMatchObject({ recordsOut: 4, outRatePerSec: 0 });
  });
});
