import { join } from 'node:path';
import type { RecordCollector } from '../engine/record-collector.js';
import { StreamTask, type StreamTaskOptions } from '../engine/stream-task.js';
import type { NodeMetrics } from '../metrics/node-metrics.js';
import type { StateStore } from '../processor/api.js';
import { PersistentTaskState } from '../state/persistent-task-state.js';
import type { RunnerTask } from './runner-task.js';
import type { FetchedRecord, TopicPartition, TopicPartitionOffset } from './transport.js';

interface InputProgress {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to process; -1 until the first record. */
  next: number;
  committed: number;
}

/** A RunnerTask over the engine's StreamTask, tracking the consumed offsets the engine does not know about. */
export class StreamTaskAdapter implements RunnerTask {
  readonly id: string;
  readonly partition: number;
  readonly changelogs: readonly { storeName: string; topic: string }[];
  private readonly task: StreamTask;
  private readonly progress: InputProgress[];

  readonly localState?: PersistentTaskState;

  /** With `stateDir`, the task keeps its logged stores under `<stateDir>/<applicationId>/<taskId>/`. */
  constructor(
    options: StreamTaskOptions,
    readonly inputs: readonly TopicPartition[],
    stateDir?: string,
  ) {
    // Changelog topic → store, filled once the task has resolved its changelogs; read by the collector below.
    const storeByChangelog = new Map<string, string>();
    let local: PersistentTaskState | undefined;
    const collector: RecordCollector =
      stateDir === undefined
        ? options.collector
        : {
            send: (topic, key, value, timestamp, headers, partition) => {
              const storeName = storeByChangelog.get(topic);
              if (storeName !== undefined && key !== null) local?.recordChange(storeName, key, value);
              options.collector.send(topic, key, value, timestamp, headers, partition);
            },
          };
    this.task = new StreamTask({ ...options, collector });
    this.id = this.task.id;
    this.partition = this.task.partition;
    this.changelogs = this.task.changelogs;
    if (stateDir !== undefined && this.changelogs.length > 0) {
      for (const { storeName, topic } of this.changelogs) storeByChangelog.set(topic, storeName);
      local = new PersistentTaskState(join(stateDir, options.applicationId, this.id), this.changelogs);
      this.localState = local;
    }
    this.progress = inputs.map(({ topic, partition }) => ({ topic, partition, next: -1, committed: -1 }));
  }

  process(record: FetchedRecord): void {
    this.task.process(record);
    // A task has one partition per input topic, and rarely more than two inputs: a scan beats a map here.
    const progress = this.progress;
    for (let i = 0; i < progress.length; i++) {
      const input = progress[i]!;
      if (input.topic === record.topic) {
        input.next = record.offset + 1;
        return;
      }
    }
  }

  punctuate(wallClockMs: number): void {
    this.task.punctuateStreamTime();
    this.task.punctuateWallClock(wallClockMs);
  }

  takeCommittableOffsets(): TopicPartitionOffset[] {
    const offsets: TopicPartitionOffset[] = [];
    this.task.flush();
    for (const input of this.progress) {
      if (input.next < 0 || input.next === input.committed) continue;
      offsets.push({ topic: input.topic, partition: input.partition, offset: input.next });
      input.committed = input.next;
    }
    return offsets;
  }

  restore(storeName: string, records: readonly FetchedRecord[]): void {
    for (const record of records) {
      // A changelog record without a key cannot belong to any store entry; Kafka skips them too.
      if (record.key !== null) this.task.restore(storeName, record.key, record.value);
    }
  }

  store(name: string): StateStore | undefined {
    return this.task.getStore(name);
  }

  stores(): StateStore[] {
    const stores: StateStore[] = [];
    for (const name of this.task.storeNames) {
      const store = this.task.getStore(name);
      if (store !== undefined) stores.push(store);
    }
    return stores;
  }

  nodeMetrics(): NodeMetrics[] {
    return this.task.nodeMetrics();
  }

  close(): void {
    this.task.close();
  }
}
