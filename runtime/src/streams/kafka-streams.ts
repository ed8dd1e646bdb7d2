import { SnapshotCollector, type TaskMetricsSource } from '../metrics/snapshot-collector.js';
import type { MetricsSnapshot, SourcePartitionMetrics } from '../metrics/snapshot.js';
import type { StateStore } from '../processor/api.js';
import type { ReadOnlyKeyValueStore } from '../state/key-value-store.js';
import type { Topology } from '../topology/topology.js';
import { resolveConfig, type ResolvedStreamsConfig, type StreamsConfig } from './config.js';
import { TypedEmitter } from './emitter.js';
import { GlobalState } from './global-state.js';
import { isValidTransition, type KafkaStreamsState } from './state.js';
import { CompositeKeyValueStore } from './store-query.js';
import { StreamTaskAdapter } from './stream-task-adapter.js';
import { RecordCache } from '../state/cache/record-cache.js';
import { StreamThread, type RestoreReport, type TaskPlan } from './stream-thread.js';
import { externalTopics, planTopics, type TopicPlan } from './topic-plan.js';
import { transportFor } from './transport-factory.js';
import type { StreamsTransport } from './transport.js';

export interface KafkaStreamsEvents {
  [event: string]: (...args: never[]) => void;
  stateChange: (newState: KafkaStreamsState, oldState: KafkaStreamsState) => void;
  error: (error: Error) => void;
  metrics: (snapshot: MetricsSnapshot) => void;
  /** A store of a task newly assigned here was restored (Kafka's StateRestoreListener#onRestoreEnd). */
  restore: (report: RestoreReport) => void;
}

/**
 * Runs a topology continuously on a cluster: the embedded MemoryCluster or Kafka. One instance is one member
 * of the `applicationId` consumer group; start more instances (in this process or others) to share the
 * partitions, as Kafka Streams does.
 */
export class KafkaStreams extends TypedEmitter<KafkaStreamsEvents> {
  private readonly config: ResolvedStreamsConfig;
  private current: KafkaStreamsState = 'CREATED';
  private transport: StreamsTransport | undefined;
  private ownsTransport = false;
  private thread: StreamThread | undefined;
  private global: GlobalState | undefined;
  private plan: TopicPlan | undefined;
  private readonly collector: SnapshotCollector;
  private metricsTimer: ReturnType<typeof setInterval> | undefined;
  private highWatermarks = new Map<string, number>();
  private closing: Promise<void> | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly rawConfig: StreamsConfig,
  ) {
    super();
    this.config = resolveConfig(rawConfig);
    this.collector = new SnapshotCollector(this.config.applicationId, this.config.now);
  }

  get state(): KafkaStreamsState {
    return this.current;
  }

  /**
   * Creates the internal topics, joins the group and starts processing. Resolves once the processing loop
   * runs (state REBALANCING until the first assignment is restored, then RUNNING). Rejects, leaving the
   * instance in ERROR, when the topology cannot run (missing source topics, mismatched partition counts).
   */
  start(): Promise<void> {
    if (this.current !== 'CREATED') {
      return Promise.reject(
        new Error(`start() may be called once, on a CREATED instance; this one is ${this.current}`),
      );
    }
    this.starting = this.startUp();
    return this.starting;
  }

  private async startUp(): Promise<void> {
    this.setState('REBALANCING');
    try {
      this.ownsTransport = this.rawConfig.transport === undefined;
      const transport = await transportFor(this.rawConfig, this.config.clientId);
      this.transport = transport;
      const existing = await transport.partitionCounts(externalTopics(this.topology));
      const plan = planTopics(
        this.topology,
        this.config.applicationId,
        existing,
        this.config.defaultRepartitionPartitions,
      );
      this.plan = plan;
      await transport.createTopics(plan.internalTopics);
      const global = new GlobalState(this.topology, this.config.applicationId, transport, this.config.now);
      this.global = global;
      await global.start(plan.partitionCounts, this.config.clientId);
      const thread = new StreamThread(transport, this.config, this.taskPlan(plan, global), {
        rebalancing: () => {
          if (this.current === 'RUNNING') this.setState('REBALANCING');
        },
        running: () => {
          if (this.current === 'REBALANCING') this.setState('RUNNING');
        },
        iteration: () => global.catchUp(),
        taskClosing: (task) => this.collector.drain(task),
        // Kafka Streams' TaskMigratedException: routine after a pause past the session timeout, so a warning.
        taskFenced: (task, error) =>
          console.warn(
            `[${this.config.applicationId}] task ${task.id} was taken over by another instance; its work since ` +
              `the last commit is dropped and redone there (${error.message})`,
          ),
        failed: (error) => this.fail(error),
        restored: (report) => this.emit('restore', report),
      });
      this.thread = thread;
      await thread.start();
      this.metricsTimer = setInterval(() => void this.pushMetrics(), this.config.metricsIntervalMs);
      this.metricsTimer.unref?.();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      // The caller gets the rejection, so listeners hear of it but nothing is logged on their behalf.
      this.fail(failure, false);
      throw failure;
    }
  }

  /** Stops processing: commits, closes the tasks, leaves the group. Safe to call in any state, and twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** A snapshot now: totals, and rates and latencies since the previous snapshot. */
  metrics(): MetricsSnapshot {
    const tasks: TaskMetricsSource[] = [...(this.thread?.activeTasks() ?? [])];
    if (this.global !== undefined && !this.global.empty) {
      const global = this.global.task;
      tasks.push({ nodeMetrics: () => global.nodeMetrics(), stores: () => global.stores.values() });
    }
    const snapshot = this.collector.snapshot(this.current, tasks, this.lag());
    const produce = this.transport?.takeProduceLatency?.();
    return produce === undefined ? snapshot : { ...snapshot, produce };
  }

  /**
   * Interactive query over a key-value store across this instance's tasks (and global stores). Only the
   * partitions this instance owns are visible, as in Kafka Streams.
   */
  store<K, V>(name: string): ReadOnlyKeyValueStore<K, V> {
    this.storeInstances(name);
    return new CompositeKeyValueStore<K, V>(name, () => this.storeInstances(name));
  }

  /** Standby tasks kept on this instance (numStandbyReplicas), with how far each changelog is applied. */
  standbyTasks(): { taskId: string; positions: Record<string, number> }[] {
    return this.thread?.standbyTasks() ?? [];
  }

  /** The instances of a store on this instance (one per task owning it), for any store type. */
  storeInstances(name: string): StateStore[] {
    if (this.current !== 'RUNNING' && this.current !== 'REBALANCING') {
      throw new Error(`store "${name}" cannot be queried while the instance is ${this.current}`);
    }
    const global = this.global?.task.stores.get(name);
    if (global !== undefined) return [global];
    const builder = this.topology.internalBuilder;
    if (!builder.stores.has(name)) {
      throw new Error(
        `the topology has no store named "${name}" (stores: ${[...builder.stores.keys()].join(', ') || 'none'})`,
      );
    }
    const instances: StateStore[] = [];
    for (const task of this.thread?.activeTasks() ?? []) {
      const store = task.store(name);
      if (store !== undefined) instances.push(store);
    }
    return instances;
  }

  private taskPlan(plan: TopicPlan, global: GlobalState): TaskPlan {
    const subtopologyByTopic = new Map<string, number>();
    for (const sub of plan.subtopologies)
      for (const topic of sub.sourceTopics) subtopologyByTopic.set(topic, sub.id);
    const repartitionTopics = new Set(plan.repartitionTopics);
    // Kafka's ThreadCache: one cache for all tasks of the stream thread (this runtime runs one per instance).
    const cache = new RecordCache(this.config.cacheMaxBytes);
    return {
      sourceTopics: [...subtopologyByTopic.keys()],
      subtopologies: plan.subtopologies,
      repartitionTopics,
      subtopologyOf: (topic) => subtopologyByTopic.get(topic),
      createTask: (subtopologyId, partition, inputs, collector) =>
        new StreamTaskAdapter(
          {
            topology: this.topology,
            subtopologyId,
            partition,
            applicationId: this.config.applicationId,
            collector,
            deserializationHandler: this.config.deserializationExceptionHandler,
            processingHandler: this.config.processingExceptionHandler,
            clock: this.config.now,
            globalStores: global.task.stores,
            partitionsFor: (topic) => plan.partitionCounts.get(topic),
            cache,
          },
          inputs,
          this.config.stateDir,
        ),
    };
  }

  private lag(): SourcePartitionMetrics[] {
    const sources: SourcePartitionMetrics[] = [];
    for (const { topic, partition, position } of this.thread?.positions() ?? []) {
      const highWatermark = Math.max(
        position,
        this.highWatermarks.get(`${topic}\u0000${partition}`) ?? position,
      );
      sources.push({ topic, partition, position, highWatermark, lag: highWatermark - position });
    }
    return sources;
  }

  private async pushMetrics(): Promise<void> {
    try {
      const owned = this.thread?.positions() ?? [];
      if (this.transport !== undefined && owned.length > 0) {
        const offsets = await this.transport.offsets(owned);
        this.highWatermarks = new Map(
          offsets.map((o) => [`${o.topic}\u0000${o.partition}`, o.highWatermark]),
        );
      }
      if (this.current === 'RUNNING' || this.current === 'REBALANCING') this.emit('metrics', this.metrics());
    } catch (error) {
      // Metrics are best effort: a failed high-watermark lookup must not stop processing.
      this.reportError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async shutdown(): Promise<void> {
    // A close() during start() waits for the start to finish (or fail) and then undoes it.
    await this.starting?.catch(() => undefined);
    if (this.current === 'NOT_RUNNING') return;
    this.setState('PENDING_SHUTDOWN');
    if (this.metricsTimer !== undefined) clearInterval(this.metricsTimer);
    try {
      await this.thread?.stop();
      await this.global?.close();
      if (this.ownsTransport) await this.transport?.close();
    } finally {
      this.setState('NOT_RUNNING');
    }
  }

  private fail(error: Error, logUnheard = true): void {
    if (this.metricsTimer !== undefined) clearInterval(this.metricsTimer);
    if (isValidTransition(this.current, 'PENDING_ERROR')) {
      this.setState('PENDING_ERROR');
      this.setState('ERROR');
    }
    this.reportError(error, logUnheard);
  }

  private reportError(error: Error, logUnheard = true): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    // An error nobody listens to must still be seen.
    else if (logUnheard) console.error(`[${this.config.applicationId}] ${error.stack ?? error.message}`);
  }

  private setState(next: KafkaStreamsState): void {
    const previous = this.current;
    if (previous === next) return;
    if (!isValidTransition(previous, next)) {
      throw new Error(`invalid KafkaStreams state transition ${previous} → ${next}`);
    }
    this.current = next;
    this.emit('stateChange', next, previous);
  }
}
