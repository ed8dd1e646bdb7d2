import type { ProduceMetrics } from '../metrics/snapshot.js';

/** Produce round trips (send to acknowledgement), for the transport's metrics. */
export type ProduceLatencySnapshot = ProduceMetrics;

/** Accumulates produce latencies between snapshots; `take()` returns and resets the interval's figures. */
export class ProduceLatency {
  private requests = 0;
  private records = 0;
  private totalMs = 0;
  private maxMs = 0;

  record(ms: number, records: number): void {
    this.requests++;
    this.records += records;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  take(): ProduceLatencySnapshot {
    const snapshot: ProduceLatencySnapshot = {
      requests: this.requests,
      records: this.records,
      meanMs: this.requests === 0 ? null : this.totalMs / this.requests,
      maxMs: this.requests === 0 ? null : this.maxMs,
    };
    this.requests = this.records = this.totalMs = this.maxMs = 0;
    return snapshot;
  }
}
