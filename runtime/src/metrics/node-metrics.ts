import { LatencyHistogram } from './latency-histogram.js';

/**
 * Counters of one processor node in one task. Plain number fields so the hot path only increments; the runner
 * reads them (and resets the histogram) when it builds a snapshot.
 */
export class NodeMetrics {
  recordsIn = 0;
  recordsOut = 0;
  errors = 0;
  /** Records dropped for arriving after their window's end plus grace (incremented by window processors). */
  lateDrops = 0;
  /** Records skipped for a null key or value where the operator cannot use one (Kafka's dropped-records). */
  droppedRecords = 0;
  readonly latency = new LatencyHistogram();

  constructor(readonly nodeName: string) {}
}
