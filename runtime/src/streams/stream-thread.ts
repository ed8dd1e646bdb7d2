import type { ResolvedStreamsConfig } from './config.js';
import { PartitionGroup } from './partition-group.js';
import { RecordCollector } from './record-collector.js';
import type { RunnerTask } from './runner-task.js';
import type {
  FetchedRecord,
  OutgoingRecord,
  StreamsConsumer,
  StreamsProducer,
  StreamsTransport,
  TopicPartition,
  TopicPartitionOffset,
} from './transport.js';
import { ProducerFencedError } from './transport.js';
import { TaskTransaction } from './task-transaction.js';
import { StandbyTasks, type PromotedStandby, type StandbyPlan } from './standby-tasks.js';

/**
 * How the thread turns an assigned partition into a task. Its sub-topologies and task factory are what the
 * standbys need too (StandbyPlan).
 */
export interface TaskPlan extends StandbyPlan {
  /** Sub-topology id of the sub-topology reading `topic`, if any. */
  subtopologyOf(topic: string): number | undefined;
  /** All topics the thread subscribes to (sources and repartition topics). */
  readonly sourceTopics: readonly string[];
  /** Repartition topics, whose records are deleted once consumed and committed. */
  readonly repartitionTopics: ReadonlySet<string>;
}

/** One store's restoration, as Kafka's StateRestoreListener#onRestoreEnd reports it. */
export interface RestoreReport {
  readonly taskId: string;
  readonly storeName: string;
  readonly topic: string;
  readonly partition: number;
  /** Changelog offsets read: [fromOffset, toOffset). */
  readonly fromOffset: number;
  readonly toOffset: number;
  /** Changelog records applied (fewer than the offset range when there are transaction markers). */
  readonly records: number;
  /** Whether the task started from a standby's copy of its state. */
  readonly fromStandby: boolean;
  readonly durationMs: number;
}

export interface ThreadEvents {
  rebalancing(): void;
  running(): void;
  /** Runs on every loop iteration before polling (global stores catch up here). */
  iteration(): Promise<void>;
  /** A task is about to close (its metrics are drained here). */
  taskClosing(task: RunnerTask): void;
  /** A task was taken over by another instance before this one heard of it (its producer was fenced). */
  taskFenced(task: RunnerTask, error: Error): void;
  /** A fatal error: the thread has stopped processing. */
  failed(error: Error): void;
  /** A store of a newly assigned task was restored. */
  restored?(report: RestoreReport): void;
}

const RESTORE_BATCH = 10_000;
/** Entries loaded from local disk are restored like changelog records; only key and value matter. */
const LOCAL_RECORD: FetchedRecord = {
  topic: '',
  partition: -1,
  offset: -1,
  timestamp: 0,
  key: null,
  value: null,
  headers: new Map(),
};

/**
 * One processing loop, Kafka Streams' StreamThread: poll a batch, process it synchronously through the tasks,
 * await the produced records, commit offsets every commitIntervalMs, run wall-clock punctuators.
 */
export class StreamThread {
  private readonly tasks = new Map<string, RunnerTask>();
  /** Where each input partition's records go: straight to the task, or to its partition group. */
  private readonly taskByInput = new Map<string, RunnerTask | PartitionGroup>();
  private readonly groups = new Map<string, PartitionGroup>();
  private readonly highWatermarks = new Map<string, number>();
  private readonly collector = new RecordCollector();
  private consumer: StreamsConsumer | undefined;
  private producer: StreamsProducer | undefined;
  /** Under exactly_once_v2: each task's own transactional producer and output. */
  private readonly transactions = new Map<string, TaskTransaction>();
  private readonly exactlyOnce: boolean;
  private readonly standbys: StandbyTasks;
  private stopping = false;
  private failed = false;
  private loop: Promise<void> | undefined;
  private lastCommitMs = 0;
  private lastTopic = '';
  private lastPartition = -1;
  private lastTask: RunnerTask | PartitionGroup | undefined;

  constructor(
    private readonly transport: StreamsTransport,
    private readonly config: ResolvedStreamsConfig,
    private readonly plan: TaskPlan,
    private readonly events: ThreadEvents,
  ) {
    this.exactlyOnce = config.processingGuarantee === 'exactly_once_v2';
    this.standbys = new StandbyTasks(transport, plan, config.clientId, config.now);
  }

  /** Standby tasks kept here, with the changelog offsets applied to their stores. */
  standbyTasks(): { taskId: string; positions: Record<string, number> }[] {
    return this.standbys.describe();
  }

  /** Tasks currently owned by this thread. */
  activeTasks(): readonly RunnerTask[] {
    return [...this.tasks.values()];
  }

  /** Joins the group and starts the loop; resolves once the loop is running. */
  async start(): Promise<void> {
    const { applicationId, clientId } = this.config;
    if (this.exactlyOnce) {
      // Transactional producers are per task, opened on assignment (see TaskTransaction).
      if (this.transport.createTransactionalProducer === undefined) {
        throw new Error(
          `the ${this.transport.kind} transport cannot do transactions, so exactly_once_v2 is unavailable`,
        );
      }
    } else {
      this.producer = this.transport.createProducer({ clientId });
      await this.producer.connect();
    }
    this.consumer = this.transport.createConsumer({
      groupId: applicationId,
      clientId,
      topics: this.plan.sourceTopics,
      autoOffsetReset: this.config.autoOffsetReset,
      maxPollRecords: this.config.maxPollRecords,
      listener: {
        onPartitionsRevoked: (partitions) => this.onRevoked(partitions),
        onPartitionsAssigned: (partitions) => this.onAssigned(partitions),
        onPartitionsLost: (partitions) => this.onLost(partitions),
        onStandbysAssigned: (partitions) =>
          this.standbys.assign(partitions, (taskId) => this.tasks.has(taskId)),
      },
      standbyReplicas: this.config.numStandbyReplicas,
      standbyPositions: () => this.standbys.positions(),
    });
    await this.consumer.connect();
    this.lastCommitMs = this.config.now();
    this.loop = this.runLoop();
  }

  /** Source partitions owned, with the next offset to process, for lag metrics. */
  positions(): { topic: string; partition: number; position: number }[] {
    const consumer = this.consumer;
    if (consumer === undefined) return [];
    const out: { topic: string; partition: number; position: number }[] = [];
    for (const tp of consumer.assignment()) {
      const fetched = consumer.position(tp);
      if (fetched === undefined) continue;
      // Batches are processed whole before the next await, so only a partition group holds fetched records
      // that are not processed yet.
      const target = this.taskByInput.get(inputKey(tp.topic, tp.partition));
      const buffered = target instanceof PartitionGroup ? target.bufferedFor(tp.topic) : 0;
      out.push({ topic: tp.topic, partition: tp.partition, position: fetched - buffered });
    }
    return out;
  }

  /** Stops the loop, commits, closes the tasks and leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.consumer?.wakeup();
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    const consumer = this.consumer!;
    try {
      while (!this.stopping) {
        await this.events.iteration();
        const records = await consumer.poll(this.config.pollMs);
        if (this.stopping && records.length === 0) break;
        if (records.length > 0) this.processBatch(records);
        if (this.groups.size > 0) await this.processGroups();
        const now = this.config.now();
        for (const task of this.tasks.values()) task.punctuate(now);
        await this.flushOutput();
        if (now - this.lastCommitMs >= this.config.commitIntervalMs) await this.commit();
        if (this.standbys.size > 0) await this.standbys.update();
      }
      await this.consumer!.close();
      await this.standbys.close();
      await this.producer?.close();
      await this.closeTransactions();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.failed = true;
      await this.abandon();
      this.events.failed(failure);
    }
  }

  private processBatch(records: readonly FetchedRecord[]): void {
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      // Batches arrive in runs per partition, so the last lookup almost always answers.
      let task = this.lastTask;
      if (record.partition !== this.lastPartition || record.topic !== this.lastTopic) {
        task = this.taskByInput.get(inputKey(record.topic, record.partition));
        this.lastTopic = record.topic;
        this.lastPartition = record.partition;
        this.lastTask = task;
      }
      if (task === undefined) {
        throw new Error(`received ${record.topic}-${record.partition}, which no task of this instance owns`);
      }
      if (task instanceof PartitionGroup) task.add(record);
      else task.process(record);
    }
  }

  /** Feeds multi-input tasks in timestamp order, as far as their inputs allow (see PartitionGroup). */
  private async processGroups(): Promise<void> {
    const consumer = this.consumer!;
    const caughtUp = (tp: TopicPartition): boolean =>
      (consumer.position(tp) ?? 0) >= (this.highWatermarks.get(inputKey(tp.topic, tp.partition)) ?? 0);
    const stale: TopicPartition[] = [];
    for (const group of this.groups.values()) {
      if (group.buffered === 0) continue;
      // Only an input that looks caught up can have received more records since its watermark was read.
      for (const tp of group.task.inputs) if (caughtUp(tp)) stale.push(tp);
    }
    if (stale.length > 0) {
      for (const o of await this.transport.offsets(stale)) {
        this.highWatermarks.set(inputKey(o.topic, o.partition), o.highWatermark);
      }
    }
    for (const group of this.groups.values()) if (group.buffered > 0) group.process(caughtUp);
  }

  private async flushOutput(): Promise<void> {
    if (this.exactlyOnce) {
      await this.eachTransaction((tx) => tx.flush());
      return;
    }
    if (this.collector.size === 0) return;
    const records = this.collector.drain();
    try {
      await this.producer!.send(records);
    } catch (error) {
      await this.handleProductionError(error, records);
    }
  }

  private async handleProductionError(error: unknown, records: readonly OutgoingRecord[]): Promise<void> {
    const handler = this.config.productionExceptionHandler;
    const topic = records[0]?.topic ?? '';
    if (handler !== 'fail' && handler(error, topic) === 'continue') return;
    throw error instanceof Error ? error : new Error(String(error));
  }

  /**
   * Runs `action` on every task's transaction at once (they are independent producers). If a producer was
   * fenced, its task is given up (see giveUpFencedTasks); any other failure is fatal.
   */
  private async eachTransaction(
    action: (tx: TaskTransaction, task: RunnerTask) => Promise<void>,
    tasks: Iterable<RunnerTask> = this.tasks.values(),
  ): Promise<void> {
    const fenced: { task: RunnerTask; error: ProducerFencedError }[] = [];
    const outcomes = await Promise.allSettled(
      [...tasks].map(async (task) => {
        const tx = this.transactions.get(task.id);
        if (tx === undefined) return;
        try {
          await action(tx, task);
        } catch (error) {
          if (!(error instanceof ProducerFencedError)) throw error;
          fenced.push({ task, error });
        }
      }),
    );
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    if (fenced.length > 0) await this.giveUpFencedTasks(fenced);
  }

  /**
   * Commits what every task has processed: its consumed offsets, after the output those records produced (a
   * task's flush may produce more, e.g. from caches) is sent. Under exactly_once_v2 each task commits its own
   * transaction.
   */
  private async commit(tasks: readonly RunnerTask[] = [...this.tasks.values()]): Promise<void> {
    this.lastCommitMs = this.config.now();
    const offsets: TopicPartitionOffset[] = [];
    if (this.exactlyOnce) {
      const byTask = new Map<string, TopicPartitionOffset[]>();
      for (const task of tasks) byTask.set(task.id, task.takeCommittableOffsets());
      const group = () => this.consumer!.groupMetadata();
      await this.eachTransaction(async (tx, task) => {
        const taskOffsets = byTask.get(task.id) ?? [];
        await tx.commit(taskOffsets, group);
        offsets.push(...taskOffsets);
      }, tasks);
    } else {
      // Taking the offsets flushes the tasks' record caches: what that forwards must be sent before the offsets
      // of the records that caused it are committed.
      for (const task of tasks) offsets.push(...task.takeCommittableOffsets());
      await this.flushOutput();
      if (offsets.length > 0) await this.consumer!.commit(offsets);
    }
    await this.purgeRepartitionTopics(offsets);
    await this.checkpointLocalState();
  }

  /**
   * Another instance owns the task now: its InitProducerId aborted this task's open transaction. What the
   * task processed since its last commit is dropped (the new owner processes it again); its partitions are
   * released so a later assignment recreates the task. (Giving up every task, as Kafka Streams does on a
   * TaskMigratedException, would stall the kept partitions of a member that is still valid: kafkajs has no
   * way to force the rejoin that would hand them back.)
   */
  private async giveUpFencedTasks(
    fenced: readonly { task: RunnerTask; error: ProducerFencedError }[],
  ): Promise<void> {
    this.events.rebalancing();
    for (const { task, error } of fenced) {
      if (!this.tasks.has(task.id)) continue;
      this.events.taskFenced(task, error);
      await this.removeTask(task, false);
      this.consumer!.releaseLost(task.inputs);
    }
  }

  /**
   * Closes a task and forgets it. A clean close sends what closing wrote (suppression buffers, caches) and,
   * under exactly_once_v2, commits it in the task's transaction before its producer goes; otherwise closing is
   * best effort and nothing more is committed.
   */
  private async removeTask(task: RunnerTask, clean: boolean): Promise<void> {
    this.tasks.delete(task.id);
    // Buffered, unprocessed records are simply dropped: their offsets were never committed.
    this.groups.delete(task.id);
    for (const input of task.inputs) this.taskByInput.delete(inputKey(input.topic, input.partition));
    this.lastTask = undefined;
    this.lastPartition = -1;
    const tx = this.transactions.get(task.id);
    this.transactions.delete(task.id);
    try {
      this.events.taskClosing(task);
      task.close();
      // No checkpoint on an unclean close: the disk stays consistent with the last one, the changelog has the rest.
      await task.localState?.close();
      if (clean && tx !== undefined) await tx.commit([], () => this.consumer!.groupMetadata());
    } catch (error) {
      if (clean && !(error instanceof ProducerFencedError)) throw error;
      // Closing after a failure (or a fencing) is best effort; the original error is what matters.
    } finally {
      await tx?.close();
    }
  }

  private async closeTransactions(): Promise<void> {
    const all = [...this.transactions.values()];
    this.transactions.clear();
    await Promise.all(all.map((tx) => tx.close()));
  }

  /** Tasks with state on disk write it there with the changelog end offsets their contents now reflect. */
  private async checkpointLocalState(): Promise<void> {
    // A task without new writes has a current checkpoint: its changelog has no other writer to move it.
    const local = [...this.tasks.values()].filter((t) => t.localState?.hasPendingChanges === true);
    if (local.length === 0) return;
    const partitions = local.flatMap((t) =>
      t.changelogs.map(({ topic }) => ({ topic, partition: t.partition })),
    );
    const ends = new Map<string, number>();
    for (const o of await this.transport.offsets(partitions))
      ends.set(inputKey(o.topic, o.partition), o.highWatermark);
    for (const task of local) {
      const offsets = new Map<string, number>();
      for (const { topic } of task.changelogs) {
        const end = ends.get(inputKey(topic, task.partition));
        if (end !== undefined) offsets.set(topic, end);
      }
      await task.localState!.checkpoint(offsets);
    }
  }

  /** Committed repartition records will never be read again by this application: free them. */
  private async purgeRepartitionTopics(committed: readonly TopicPartitionOffset[]): Promise<void> {
    if (this.transport.deleteRecords === undefined || this.plan.repartitionTopics.size === 0) return;
    const purgeable = committed.filter((o) => this.plan.repartitionTopics.has(o.topic));
    if (purgeable.length > 0) await this.transport.deleteRecords(purgeable);
  }

  private async onRevoked(partitions: readonly TopicPartition[]): Promise<void> {
    // After a failure nothing processed since the last commit may be committed: leave it to the next owner.
    if (this.failed) return;
    this.events.rebalancing();
    const revoked = new Set(partitions.map((p) => inputKey(p.topic, p.partition)));
    const closing = [...this.tasks.values()].filter((task) =>
      task.inputs.some((p) => revoked.has(inputKey(p.topic, p.partition))),
    );
    // At-least-once commits every task (one offset commit); exactly-once only the revoked ones' transactions.
    await this.commit(this.exactlyOnce ? closing : undefined);
    for (const task of closing) if (this.tasks.has(task.id)) await this.removeTask(task, true);
    // Closing may have flushed more output (suppression buffers, caches).
    if (!this.exactlyOnce) await this.flushOutput();
  }

  /** Tasks of partitions this member lost (another owns them now): closed without committing anything. */
  private async onLost(partitions: readonly TopicPartition[]): Promise<void> {
    if (this.failed) return;
    this.events.rebalancing();
    const lost = new Set(partitions.map((p) => inputKey(p.topic, p.partition)));
    for (const task of [...this.tasks.values()]) {
      if (task.inputs.some((p) => lost.has(inputKey(p.topic, p.partition))))
        await this.removeTask(task, false);
    }
    // Output they wrote since the last commit: an aborted transaction under exactly-once; here, dropped.
    if (!this.exactlyOnce) this.collector.drain();
  }

  private async onAssigned(partitions: readonly TopicPartition[]): Promise<void> {
    this.events.rebalancing();
    const grouped = new Map<string, { subtopology: number; partition: number; inputs: TopicPartition[] }>();
    for (const tp of partitions) {
      const subtopology = this.plan.subtopologyOf(tp.topic);
      if (subtopology === undefined) continue;
      const id = `${subtopology}_${tp.partition}`;
      let entry = grouped.get(id);
      if (entry === undefined)
        grouped.set(id, (entry = { subtopology, partition: tp.partition, inputs: [] }));
      entry.inputs.push(tp);
    }
    const created: RunnerTask[] = [];
    const fromStandby = new Map<string, PromotedStandby>();
    const fencing: Promise<void>[] = [];
    for (const [id, { subtopology, partition, inputs }] of grouped) {
      if (this.tasks.has(id)) continue;
      let output = this.collector;
      if (this.exactlyOnce) {
        const transactionalId = `${this.config.applicationId}-${id}`;
        const tx = new TaskTransaction(
          transactionalId,
          this.transport.createTransactionalProducer!({ clientId: this.config.clientId, transactionalId }),
        );
        this.transactions.set(id, tx);
        output = tx.collector;
        fencing.push(tx.connect());
      }
      const promoted = this.standbys.promote(id, output);
      if (promoted !== undefined) fromStandby.set(id, promoted);
      const task = promoted?.task ?? this.plan.createTask(subtopology, partition, inputs, output);
      this.tasks.set(id, task);
      const target = inputs.length > 1 ? new PartitionGroup(task) : task;
      if (target instanceof PartitionGroup) this.groups.set(id, target);
      for (const input of inputs) this.taskByInput.set(inputKey(input.topic, input.partition), target);
      created.push(task);
    }
    // The previous owner is fenced and its open transaction aborted before the changelogs are read (an open
    // transaction holds read-committed readers back) and before the consumer reads the committed offsets.
    const connected = await Promise.allSettled(fencing);
    for (const outcome of connected) if (outcome.status === 'rejected') throw outcome.reason;
    for (const task of created) await this.restore(task, fromStandby.get(task.id)?.positions);
    this.events.running();
  }

  /**
   * Replays each changelog partition into its store up to the high watermark: from the log start, or, when the
   * task keeps its state on disk, from the checkpoint after loading the disk's contents.
   */
  private async restore(task: RunnerTask, standby?: ReadonlyMap<string, number>): Promise<void> {
    if (task.changelogs.length === 0) return;
    const local = task.localState;
    await local?.open();
    const reader = this.transport.createReader({ clientId: this.config.clientId });
    const restored = new Map<string, number>();
    try {
      for (const { storeName, topic } of task.changelogs) {
        const started = this.config.now();
        const [offsets] = await this.transport.offsets([{ topic, partition: task.partition }]);
        if (offsets === undefined) continue;
        let offset = offsets.logStartOffset;
        // A promoted standby's stores hold the changelog up to its position already: only the tail is left.
        const standbyAt = standby?.get(topic);
        if (standbyAt !== undefined) offset = Math.max(offset, standbyAt);
        if (local !== undefined) {
          const checkpointed = local.checkpointed(topic);
          // A checkpoint outside the log (the changelog was truncated or recreated) says nothing reliable.
          if (
            checkpointed !== undefined &&
            checkpointed >= offsets.logStartOffset &&
            checkpointed <= offsets.highWatermark
          ) {
            await local.load(storeName, (entries) =>
              task.restore(
                storeName,
                entries.map(({ key, value }) => ({ ...LOCAL_RECORD, topic, key, value })),
              ),
            );
            offset = checkpointed;
          } else {
            await local.clear(storeName);
          }
        }
        const fromOffset = offset;
        let count = 0;
        while (offset < offsets.highWatermark) {
          const records = await reader.read({ topic, partition: task.partition, offset }, RESTORE_BATCH);
          if (records.length === 0) break;
          task.restore(storeName, records);
          count += records.length;
          // What is restored from the changelog must reach the disk too, or the next checkpoint would cover it.
          if (local !== undefined) {
            for (const r of records) if (r.key !== null) local.recordChange(storeName, r.key, r.value);
          }
          offset = records[records.length - 1]!.offset + 1;
        }
        restored.set(topic, offset);
        this.events.restored?.({
          taskId: task.id,
          storeName,
          topic,
          partition: task.partition,
          fromOffset,
          toOffset: offset,
          records: count,
          fromStandby: standbyAt !== undefined,
          durationMs: this.config.now() - started,
        });
      }
      await local?.checkpoint(restored);
    } finally {
      await reader.close();
    }
  }

  /** After a fatal error: abort an open transaction and leave the group without committing. */
  private async abandon(): Promise<void> {
    // Open transactions are aborted as their tasks close: nothing since the last commit becomes visible.
    for (const task of [...this.tasks.values()]) await this.removeTask(task, false);
    await this.closeTransactions();
    this.collector.drain();
    await this.standbys.close().catch(() => undefined);
    // Leave the group so the partitions move to other instances at once rather than after a timeout.
    try {
      await this.consumer?.close();
      await this.producer?.close();
    } catch {
      // Best effort, as above.
    }
  }
}

function inputKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
