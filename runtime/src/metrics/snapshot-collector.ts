import type { StateStore } from '../processor/api.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { NodeMetrics } from './node-metrics.js';
import type {
  MetricsSnapshot,
  ProcessorNodeMetrics,
  SourcePartitionMetrics,
  StoreMetrics,
} from './snapshot.js';

/** The metrics one task exposes: its nodes' counters (drained by the collector) and its stores. */
export interface TaskMetricsSource {
  nodeMetrics(): Iterable<NodeMetrics>;
  stores(): Iterable<StateStore>;
}

interface NodeTotals {
  recordsIn: number;
  recordsOut: number;
  errors: number;
  lateDrops: number;
  intervalIn: number;
  intervalOut: number;
  readonly latency: LatencyHistogram;
}

/**
 * Builds snapshots from the tasks' counters. Tasks come and go with rebalances, so instead of summing their
 * cumulative counters the collector drains them (adds them to its own totals and zeroes them): a closed task's
 * counts are never lost, provided `drain(task)` runs before the task closes. Nothing here runs per record.
 */
export class SnapshotCollector {
  private readonly nodes = new Map<string, NodeTotals>();
  private lastSnapshotMs: number;

  constructor(
    private readonly applicationId: string,
    private readonly now: () => number,
  ) {
    this.lastSnapshotMs = now();
  }

  /** Moves a task's counters into the totals. */
  drain(task: TaskMetricsSource): void {
    for (const metrics of task.nodeMetrics()) {
      let totals = this.nodes.get(metrics.nodeName);
      if (totals === undefined) {
        totals = {
          recordsIn: 0,
          recordsOut: 0,
          errors: 0,
          lateDrops: 0,
          intervalIn: 0,
          intervalOut: 0,
          latency: new LatencyHistogram(),
        };
        this.nodes.set(metrics.nodeName, totals);
      }
      totals.recordsIn += metrics.recordsIn;
      totals.intervalIn += metrics.recordsIn;
      totals.recordsOut += metrics.recordsOut;
      totals.intervalOut += metrics.recordsOut;
      totals.errors += metrics.errors;
      totals.lateDrops += metrics.lateDrops;
      totals.latency.add(metrics.latency);
      metrics.recordsIn = 0;
      metrics.recordsOut = 0;
      metrics.errors = 0;
      metrics.lateDrops = 0;
      metrics.latency.reset();
    }
  }

  /** Drains the live tasks and returns the snapshot of the interval since the previous one. */
  snapshot(
    state: string,
    tasks: Iterable<TaskMetricsSource>,
    sources: readonly SourcePartitionMetrics[],
  ): MetricsSnapshot {
    const storeEntries = new Map<string, number>();
    for (const task of tasks) {
      this.drain(task);
      for (const store of task.stores()) {
        storeEntries.set(store.name, (storeEntries.get(store.name) ?? 0) + store.approximateNumEntries());
      }
    }
    const now = this.now();
    const intervalMs = Math.max(1, now - this.lastSnapshotMs);
    this.lastSnapshotMs = now;
    const nodes: ProcessorNodeMetrics[] = [];
    for (const [name, totals] of this.nodes) {
      nodes.push({
        name,
        recordsIn: totals.recordsIn,
        recordsOut: totals.recordsOut,
        errors: totals.errors,
        lateDrops: totals.lateDrops,
        ratePerSec: (totals.intervalIn * 1000) / intervalMs,
        outRatePerSec: (totals.intervalOut * 1000) / intervalMs,
        latencyP50Ms: totals.latency.percentile(0.5),
        latencyP99Ms: totals.latency.percentile(0.99),
      });
      totals.intervalIn = 0;
      totals.intervalOut = 0;
      totals.latency.reset();
    }
    const stores: StoreMetrics[] = [...storeEntries].map(([name, entries]) => ({ name, entries }));
    return { applicationId: this.applicationId, timestamp: now, intervalMs, state, nodes, stores, sources };
  }
}
