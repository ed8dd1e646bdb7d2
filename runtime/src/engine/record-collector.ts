import type { Headers } from '../processor/api.js';

/**
 * Where a task's output goes: sink nodes, changelog writes and dead-letter records all end up here as bytes.
 * `partition` is set when a partitioner chose one (or for changelogs: the task's partition); otherwise the
 * receiver partitions by key like Kafka's default partitioner.
 */
export interface RecordCollector {
  send(
    topic: string,
    key: Uint8Array | null,
    value: Uint8Array | null,
    timestamp: number,
    headers: Headers,
    partition?: number,
  ): void;
}
