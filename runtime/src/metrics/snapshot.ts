// The shape of the metrics snapshots a KafkaStreams instance pushes at a fixed interval (`on('metrics')`).
// The host forwards them to the designer, which paints them onto the canvas node whose id is `name`.

export interface ProcessorNodeMetrics {
  /** The processor node name (the canvas node id when the designer generated the topology). */
  readonly name: string;
  /** Totals since the instance started, over every task running this node. */
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly errors: number;
  /** Records dropped because they arrived after their window's end plus grace. */
  readonly lateDrops: number;
  /** Records in per second over the last interval. */
  readonly ratePerSec: number;
  /** Records out (forwarded to children or written to a topic) per second over the last interval. */
  readonly outRatePerSec: number;
  /** Process latency over the last interval in milliseconds (null when no record was processed). */
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
}

export interface StoreMetrics {
  readonly name: string;
  /** Entries over every task's instance of the store. */
  readonly entries: number;
}

export interface SourcePartitionMetrics {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to process. */
  readonly position: number;
  readonly highWatermark: number;
  /** highWatermark − position. */
  readonly lag: number;
}

/** Produce round trips (send to acknowledgement) over the last interval, as the transport measured them. */
export interface ProduceMetrics {
  readonly requests: number;
  readonly records: number;
  /** null when nothing was produced in the interval. */
  readonly meanMs: number | null;
  readonly maxMs: number | null;
}

export interface MetricsSnapshot {
  readonly applicationId: string;
  /** Wall-clock time of the snapshot (ms since the epoch). */
  readonly timestamp: number;
  /** Milliseconds covered by the rates and latencies. */
  readonly intervalMs: number;
  readonly state: string;
  readonly nodes: readonly ProcessorNodeMetrics[];
  readonly stores: readonly StoreMetrics[];
  readonly sources: readonly SourcePartitionMetrics[];
  /** Absent when the transport does not measure produce latency (the embedded cluster acknowledges at once). */
  readonly produce?: ProduceMetrics;
}
