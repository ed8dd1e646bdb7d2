import type { FetchedRecord, TopicPartition } from './transport.js';

/**
 * What the runner needs from one task (one partition of one sub-topology). `task-adapter.ts` builds these on
 * the engine's StreamTask; keeping the runner on this narrow interface keeps the loop readable and testable.
 */
export interface RunnerTask {
  /** Kafka Streams' task id, `<subtopology>_<partition>`. */
  readonly id: string;
  readonly partition: number;
  /** The source partitions this task consumes (one per co-partitioned source topic). */
  readonly inputs: readonly TopicPartition[];
  /** Processes one record synchronously; output goes to the record collector given at creation. */
  process(record: FetchedRecord): void;
  /** Runs the wall-clock punctuators that are due. */
  punctuate(wallClockMs: number): void;
  /** Next offset to commit per input partition that made progress since the last call. */
  takeCommittableOffsets(): { topic: string; partition: number; offset: number }[];
  /** The next offset to process per input partition, for lag. */
  position(topic: string): number | undefined;
  /** Restores a store from its changelog before processing starts. */
  restore(storeName: string, records: readonly FetchedRecord[]): void;
  /** Stores that log to a changelog, with their changelog topic names. */
  readonly changelogs: readonly { storeName: string; topic: string }[];
  close(): void;
}
