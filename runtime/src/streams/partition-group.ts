import type { RunnerTask } from './runner-task.js';
import type { FetchedRecord, TopicPartition } from './transport.js';

interface InputQueue {
  readonly input: TopicPartition;
  records: FetchedRecord[];
  head: number;
}

/**
 * Buffers the records of a task that reads several partitions (co-partitioned join inputs, merged topics) and
 * feeds them in timestamp order, as Kafka Streams' PartitionGroup does: always the buffered record with the
 * lowest timestamp next, and, like max.task.idle.ms = 0, only while every input has buffered records or has
 * none left to fetch — so one input's batch cannot race ahead of the other's and expire join windows early.
 */
export class PartitionGroup {
  private readonly queues: InputQueue[];

  constructor(readonly task: RunnerTask) {
    this.queues = task.inputs.map((input) => ({ input, records: [], head: 0 }));
  }

  add(record: FetchedRecord): void {
    for (const queue of this.queues) {
      if (queue.input.topic === record.topic) {
        queue.records.push(record);
        return;
      }
    }
    throw new Error(`task ${this.task.id} does not read ${record.topic}-${record.partition}`);
  }

  /** Records of `topic` fetched but not yet processed. */
  bufferedFor(topic: string): number {
    const queue = this.queues.find((q) => q.input.topic === topic);
    return queue === undefined ? 0 : queue.records.length - queue.head;
  }

  get buffered(): number {
    let count = 0;
    for (const q of this.queues) count += q.records.length - q.head;
    return count;
  }

  /**
   * Processes buffered records in timestamp order until an input that may still receive records runs dry.
   * `caughtUp` says whether an empty input has nothing more to fetch right now.
   */
  process(caughtUp: (input: TopicPartition) => boolean): void {
    for (;;) {
      let next: InputQueue | undefined;
      for (const queue of this.queues) {
        if (queue.head >= queue.records.length) {
          if (!caughtUp(queue.input)) return this.compact();
          continue;
        }
        if (next === undefined || queue.records[queue.head]!.timestamp < next.records[next.head]!.timestamp) {
          next = queue;
        }
      }
      if (next === undefined) return this.compact();
      this.task.process(next.records[next.head++]!);
    }
  }

  private compact(): void {
    for (const queue of this.queues) {
      if (queue.head === 0) continue;
      queue.records = queue.head >= queue.records.length ? [] : queue.records.slice(queue.head);
      queue.head = 0;
    }
  }
}
