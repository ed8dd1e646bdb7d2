import type { TaskMetricsSource } from '../metrics/snapshot-collector.js';
import type { StateStore } from '../processor/api.js';
import type { PersistentTaskState } from '../state/persistent-task-state.js';
import type { FetchedRecord, TopicPartition, TopicPartitionOffset } from './transport.js';

/**
 * What the runner needs from one task (one partition of one sub-topology). `stream-task-adapter.ts` builds
 * these on the engine's StreamTask; keeping the loop on this narrow interface keeps it readable and testable.
 */
export interface RunnerTask extends TaskMetricsSource {
  /** Kafka Streams' task id, `<subtopology>_<partition>`. */
  readonly id: string;
  readonly partition: number;
  /** The source partitions this task consumes (one per co-partitioned source topic). */
  readonly inputs: readonly TopicPartition[];
  /** Stores that log to a changelog, with their changelog topic names. */
  readonly changelogs: readonly { storeName: string; topic: string }[];
  /** Processes one record synchronously; output goes to the record collector given at creation. */
  process(record: FetchedRecord): void;
  /** Runs the stream-time punctuators due after a batch and the wall-clock ones due at `wallClockMs`. */
  punctuate(wallClockMs: number): void;
  /** Next offset to commit per input partition that made progress since the last call. */
  takeCommittableOffsets(): TopicPartitionOffset[];
  /** Restores a store from its changelog before processing starts. */
  restore(storeName: string, records: readonly FetchedRecord[]): void;
  store(name: string): StateStore | undefined;
  /** The stores' copy on local disk, when the application has a `stateDir`. */
  readonly localState?: PersistentTaskState;
  close(): void;
}
