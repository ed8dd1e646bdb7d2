import type { RecordCollector as EngineRecordCollector } from '../engine/record-collector.js';
import type { Headers } from '../processor/api.js';
import type { RunnerTask } from './runner-task.js';
import type { PartitionReader, StreamsTransport, TopicPartition } from './transport.js';

/** How the standbys learn about the tasks they mirror; the thread's TaskPlan extends it. */
export interface StandbyPlan {
  /** Every sub-topology with its resolved source topics and task count. */
  readonly subtopologies: readonly {
    readonly id: number;
    readonly sourceTopics: readonly string[];
    readonly partitions: number;
  }[];
  createTask(
    subtopology: number,
    partition: number,
    inputs: readonly TopicPartition[],
    output: EngineRecordCollector,
  ): RunnerTask;
}

/** A standby never processes, so it never writes; once promoted, its writes go where the active's go. */
class PromotableCollector implements EngineRecordCollector {
  target: EngineRecordCollector | undefined;

  constructor(private readonly taskId: string) {}

  send(
    topic: string,
    key: Uint8Array | null,
    value: Uint8Array | null,
    timestamp: number,
    headers: Headers,
    partition?: number,
  ): void {
    if (this.target === undefined) {
      throw new Error(`standby task ${this.taskId} wrote to ${topic}; a standby only restores its stores`);
    }
    this.target.send(topic, key, value, timestamp, headers, partition);
  }
}

interface Standby {
  readonly task: RunnerTask;
  readonly collector: PromotableCollector;
  /** Next changelog offset to apply, per changelog topic. */
  readonly positions: Map<string, number>;
  /** Not read again before this time (ms): it was caught up. */
  idleUntil: number;
}

/** A standby handed over to become the active task, with the changelog offsets its stores reflect. */
export interface PromotedStandby {
  readonly task: RunnerTask;
  readonly positions: ReadonlyMap<string, number>;
}

const BATCH = 10_000;
/** How long a caught-up standby waits before it looks for new changelog records. */
const IDLE_MS = 100;

/**
 * Kafka Streams' standby tasks: for the partition numbers the assignor placed here as standbys, copies of the
 * tasks' stores kept current by reading their changelogs (read-committed), never processing. When a task
 * comes here as active, its standby is promoted: the active restores only the changelog after the standby's
 * position. State lives in memory here (with a `stateDir`, the disk copy is the active task's business).
 */
export class StandbyTasks {
  private readonly standbys = new Map<string, Standby>();
  /** Sub-topologies without changelogs: nothing to keep a standby of. */
  private readonly stateless = new Set<number>();
  private reader: PartitionReader | undefined;

  constructor(
    private readonly transport: StreamsTransport,
    private readonly plan: StandbyPlan,
    private readonly clientId: string,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.standbys.size;
  }

  /**
   * Makes the standbys those of `partitions` (task ids already active here excepted): closes the others and
   * creates the new ones, which then catch up in `update()`.
   */
  async assign(partitions: readonly number[], isActive: (taskId: string) => boolean): Promise<void> {
    const wanted = new Map<string, { subtopology: number; partition: number; inputs: TopicPartition[] }>();
    for (const sub of this.plan.subtopologies) {
      if (this.stateless.has(sub.id)) continue;
      for (const partition of partitions) {
        if (partition >= sub.partitions) continue;
        const id = `${sub.id}_${partition}`;
        if (isActive(id)) continue;
        wanted.set(id, {
          subtopology: sub.id,
          partition,
          inputs: sub.sourceTopics.map((topic) => ({ topic, partition })),
        });
      }
    }
    for (const [id, standby] of [...this.standbys]) {
      if (wanted.has(id)) continue;
      this.standbys.delete(id);
      standby.task.close();
    }
    for (const [id, { subtopology, partition, inputs }] of wanted) {
      if (this.standbys.has(id)) continue;
      const collector = new PromotableCollector(id);
      const task = this.plan.createTask(subtopology, partition, inputs, collector);
      if (task.changelogs.length === 0) {
        this.stateless.add(subtopology);
        task.close();
        continue;
      }
      const offsets = await this.transport.offsets(
        task.changelogs.map(({ topic }) => ({ topic, partition })),
      );
      const positions = new Map(offsets.map((o) => [o.topic, o.logStartOffset] as const));
      this.standbys.set(id, { task, collector, positions, idleUntil: 0 });
    }
  }

  /** Applies up to one batch of new changelog records per standby store; cheap when all are caught up. */
  async update(): Promise<void> {
    const now = this.now();
    for (const standby of this.standbys.values()) {
      if (standby.idleUntil > now) continue;
      let behind = false;
      for (const { storeName, topic } of standby.task.changelogs) {
        const offset = standby.positions.get(topic) ?? 0;
        this.reader ??= this.transport.createReader({ clientId: this.clientId });
        const records = await this.reader.read({ topic, partition: standby.task.partition, offset }, BATCH);
        if (records.length === 0) continue;
        standby.task.restore(storeName, records);
        standby.positions.set(topic, records[records.length - 1]!.offset + 1);
        behind = true;
      }
      if (!behind) standby.idleUntil = now + IDLE_MS;
    }
  }

  /** Takes the standby of a task that becomes active here; its writes go to `output` from now on. */
  promote(taskId: string, output: EngineRecordCollector): PromotedStandby | undefined {
    const standby = this.standbys.get(taskId);
    if (standby === undefined) return undefined;
    this.standbys.delete(taskId);
    standby.collector.target = output;
    return { task: standby.task, positions: standby.positions };
  }

  /** Per partition number, the summed changelog positions of its standbys (for the assignor). */
  positions(): Record<number, number> {
    const out: Record<number, number> = {};
    for (const { task, positions } of this.standbys.values()) {
      let sum = 0;
      for (const offset of positions.values()) sum += offset;
      out[task.partition] = (out[task.partition] ?? 0) + sum;
    }
    return out;
  }

  /** Standby task ids and how far each changelog is applied, for logs and tests. */
  describe(): { taskId: string; positions: Record<string, number> }[] {
    return [...this.standbys].map(([taskId, { positions }]) => ({
      taskId,
      positions: Object.fromEntries(positions),
    }));
  }

  async close(): Promise<void> {
    for (const standby of this.standbys.values()) standby.task.close();
    this.standbys.clear();
    await this.reader?.close();
    this.reader = undefined;
  }
}
