import type { ProcessingHandler } from '../errors/processing-handler.js';
import { GlobalTask } from '../engine/global-task.js';
import type { RecordCollector } from '../engine/record-collector.js';
import { StreamTask } from '../engine/stream-task.js';
import type { DeserializationHandler } from '../errors/deserialization-handler.js';
import type { NodeMetrics } from '../metrics/node-metrics.js';
import type { StateStore } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { defaultSerde } from '../serdes/serdes.js';
import type { KeyValueStore } from '../state/key-value-store.js';
import type { ManagedStateStore } from '../state/store.js';
import type { DebugTracer } from '../debug/tracer.js';
import { RecordCache } from '../state/cache/record-cache.js';
import { withoutTimestamps, type TimestampedKeyValueStore } from '../state/timestamped-key-value-store.js';
import type { Topology } from '../topology/topology.js';
import { TestInputTopic, type TestInputTopicOptions } from './test-input-topic.js';
import { TestOutputTopic } from './test-output-topic.js';
import type { CapturedRecord } from './test-record.js';
import type { RawRecord } from '../raw-record.js';

export interface TopologyTestDriverConfig {
  /** Mocked wall-clock start (ms since the epoch); default: now. */
  readonly initialWallClockTime?: number;
  readonly applicationId?: string;
  /** Kafka's default.key.serde / default.value.serde, for nodes given none (default: JSON). */
  readonly defaultKeySerde?: Serde<unknown>;
  readonly defaultValueSerde?: Serde<unknown>;
  readonly deserializationHandler?: DeserializationHandler;
  /** What to do when user code throws on a piped record (`ProcessingHandlers.*`); default fail. */
  readonly processingHandler?: ProcessingHandler;
  /**
   * Kafka's statestore.cache.max.bytes. Default 0: no record cache, every update is forwarded. With a cache the
   * driver commits (and so flushes the cache) after every record, as Kafka's driver does: updates are then
   * deduplicated only within the processing of one record, and cached stores forward after it.
   */
  readonly cacheMaxBytes?: number;
  /** The debugger's hook, given to every task (runtime/src/debug/). */
  readonly tracer?: DebugTracer;
}

/**
 * Runs a topology in-process without a broker, one record at a time (Kafka's TopologyTestDriver). Each piped
 * record is processed synchronously, followed by everything it produced to topics the topology itself reads
 * (repartition topics included) and by due stream-time punctuations. Record caching is off unless
 * `cacheMaxBytes` is set; then the driver commits after each record, as Kafka's does. Every sub-topology runs as a task on partition 0, on the same StreamTask engine as KafkaStreams;
 * the tasks share one stream time, as Kafka's driver runs the whole topology as a single task.
 */
export class TopologyTestDriver {
  readonly applicationId: string;
  private readonly tasks: StreamTask[] = [];
  private readonly taskByTopic = new Map<string, StreamTask>();
  private readonly globalTask: GlobalTask;
  private readonly outputs = new Map<string, CapturedRecord[]>();
  private readonly offsets = new Map<string, number>();
  private readonly pending: RawRecord[] = [];
  private wallClock: number;
  private processing = false;
  private closed = false;

  constructor(
    private readonly topology: Topology,
    private readonly config: TopologyTestDriverConfig = {},
  ) {
    this.applicationId = config.applicationId ?? 'topology-test-driver';
    this.wallClock = config.initialWallClockTime ?? Date.now();
    const clock = (): number => this.wallClock;
    const builder = topology.internalBuilder;
    const collector: RecordCollector = {
      send: (topic, key, value, timestamp, headers) =>
        this.capture({ topic, key, value, timestamp, headers }),
    };
    this.globalTask = new GlobalTask(topology, this.applicationId, clock, {
      ...(config.defaultKeySerde ? { keySerde: config.defaultKeySerde } : {}),
      ...(config.defaultValueSerde ? { valueSerde: config.defaultValueSerde } : {}),
    });
    const streamTime = { value: -1 };
    const cacheMaxBytes = config.cacheMaxBytes ?? 0;
    const cache = cacheMaxBytes > 0 ? new RecordCache(cacheMaxBytes) : undefined;
    for (const sub of builder.subtopologies()) {
      const task = new StreamTask({
        topology,
        subtopologyId: sub.id,
        partition: 0,
        applicationId: this.applicationId,
        collector,
        clock,
        sharedStreamTime: streamTime,
        globalStores: this.globalTask.stores,
        partitionsFor: () => 1,
        ...(cache ? { cache } : {}),
        ...(config.tracer ? { tracer: config.tracer } : {}),
        ...(config.deserializationHandler ? { deserializationHandler: config.deserializationHandler } : {}),
        ...(config.processingHandler ? { processingHandler: config.processingHandler } : {}),
        ...(config.defaultKeySerde ? { defaultKeySerde: config.defaultKeySerde } : {}),
        ...(config.defaultValueSerde ? { defaultValueSerde: config.defaultValueSerde } : {}),
      });
      this.tasks.push(task);
      for (const topic of task.sourceTopics) this.taskByTopic.set(topic, task);
    }
  }

  createInputTopic<K, V>(name: string, options: TestInputTopicOptions<K, V> = {}): TestInputTopic<K, V> {
    if (!this.taskByTopic.has(name) && !this.globalTask.topics.includes(name)) {
      throw new Error(
        `Unknown topic: ${name} (the topology reads ${this.knownTopics().join(', ') || 'no topics'})`,
      );
    }
    return new TestInputTopic<K, V>(
      name,
      options.keySerde ?? (this.config.defaultKeySerde as Serde<K> | undefined) ?? defaultSerde<K>(),
      options.valueSerde ?? (this.config.defaultValueSerde as Serde<V> | undefined) ?? defaultSerde<V>(),
      (topic, key, value, timestamp, headers) => this.pipe({ topic, key, value, timestamp, headers }),
      options.startTimestamp ?? this.wallClock,
      options.autoAdvanceMs ?? 0,
    );
  }

  createOutputTopic<K, V>(
    name: string,
    options: { keySerde?: Serde<K>; valueSerde?: Serde<V> } = {},
  ): TestOutputTopic<K, V> {
    return new TestOutputTopic<K, V>(
      name,
      options.keySerde ?? (this.config.defaultKeySerde as Serde<K> | undefined) ?? defaultSerde<K>(),
      options.valueSerde ?? (this.config.defaultValueSerde as Serde<V> | undefined) ?? defaultSerde<V>(),
      () => this.outputQueue(name),
    );
  }

  /** Names of topics the topology has produced to so far. */
  producedTopicNames(): string[] {
    return [...this.outputs.keys()];
  }

  /** Moves the mocked wall clock and runs due wall-clock punctuations. */
  advanceWallClockTime(ms: number): void {
    this.checkOpen();
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advanceWallClockTime expects ms ≥ 0, got ${ms}`);
    this.wallClock += ms;
    for (const task of this.tasks) {
      task.punctuateWallClock(this.wallClock);
      this.commit();
      this.drainPending();
    }
  }

  getStateStore(name: string): StateStore | null {
    return this.findStore(name);
  }

  /** A key-value store by name; timestamped stores (KTables, aggregations) are shown with plain values. */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | null {
    const store = this.findStore(name) as ManagedStateStore | null;
    if (store?.storeType === 'timestampedKeyValue') {
      return withoutTimestamps(store as unknown as TimestampedKeyValueStore<K, V>);
    }
    if (store?.storeType === 'keyValue') return store as unknown as KeyValueStore<K, V>;
    return null;
  }

  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | null {
    const store = this.findStore(name) as ManagedStateStore | null;
    return store?.storeType === 'timestampedKeyValue'
      ? (store as unknown as TimestampedKeyValueStore<K, V>)
      : null;
  }

  /**
   * A window store by name (the type is the window store's, defined with the window operators). Like Kafka,
   * the stores of windowed aggregations come back without their timestamps; getTimestampedWindowStore keeps them.
   */
  getWindowStore<S extends StateStore = StateStore>(name: string): S | null {
    const store = this.getTimestampedWindowStore(name);
    if (store !== null && 'plainView' in store && typeof store.plainView === 'function') {
      return store.plainView() as S;
    }
    return store as S | null;
  }

  getTimestampedWindowStore<S extends StateStore = StateStore>(name: string): S | null {
    const store = this.findStore(name) as ManagedStateStore | null;
    return store?.storeType === 'window' ? (store as unknown as S) : null;
  }

  getSessionStore<S extends StateStore = StateStore>(name: string): S | null {
    const store = this.findStore(name) as ManagedStateStore | null;
    return store?.storeType === 'session' ? (store as unknown as S) : null;
  }

  getAllStateStores(): Map<string, StateStore> {
    const all = new Map<string, StateStore>(this.globalTask.stores);
    for (const task of this.tasks) {
      for (const name of task.storeNames) all.set(name, task.getStore(name) as StateStore);
    }
    return all;
  }

  /** Live per-node counters of every task (records in/out, errors, drops, latency). */
  nodeMetrics(): NodeMetrics[] {
    return [...this.tasks.flatMap((t) => t.nodeMetrics()), ...this.globalTask.nodeMetrics()];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const task of this.tasks) task.close();
    this.globalTask.close();
  }

  private pipe(record: RawRecord): void {
    this.checkOpen();
    if (this.globalTask.topics.includes(record.topic)) {
      this.processGlobal(record);
      return;
    }
    if (!this.taskByTopic.has(record.topic)) throw new Error(`Unknown topic: ${record.topic}`);
    this.pending.push(record);
    this.drainPending();
  }

  /** Processes queued records (the piped one, then whatever it produced to topics the topology reads). */
  private drainPending(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let record = this.pending.shift(); record; record = this.pending.shift()) {
        const task = this.taskByTopic.get(record.topic);
        if (!task) continue;
        const offset = this.nextOffset(record.topic);
        task.process({ ...record, partition: 0, offset });
        // Stream time is shared, so punctuators anywhere in the topology see this record's time.
        for (const t of this.tasks) t.punctuateStreamTime();
        this.commit();
      }
    } finally {
      this.processing = false;
      this.pending.length = 0;
    }
  }

  /** Kafka's driver commits after every record: the caches flush (a no-op without `cacheMaxBytes`). */
  private commit(): void {
    for (const t of this.tasks) t.flush();
  }

  private capture(record: CapturedRecord): void {
    this.outputQueue(record.topic).push(record);
    // Like Kafka's driver, output to a topic the topology reads (repartition or user topics) is processed too.
    if (this.taskByTopic.has(record.topic)) this.pending.push(record);
    else if (this.globalTask.topics.includes(record.topic)) this.processGlobal(record);
  }

  private processGlobal(record: RawRecord): void {
    const offset = this.nextOffset(record.topic);
    this.globalTask.process({ ...record, partition: 0, offset });
  }

  private outputQueue(topic: string): CapturedRecord[] {
    let queue = this.outputs.get(topic);
    if (!queue) {
      queue = [];
      this.outputs.set(topic, queue);
    }
    return queue;
  }

  private nextOffset(topic: string): number {
    const offset = this.offsets.get(topic) ?? 0;
    this.offsets.set(topic, offset + 1);
    return offset;
  }

  private findStore(name: string): StateStore | null {
    const global = this.globalTask.stores.get(name);
    if (global) return global;
    for (const task of this.tasks) {
      const store = task.getStore(name);
      if (store) return store;
    }
    return null;
  }

  private knownTopics(): string[] {
    return [...this.taskByTopic.keys(), ...this.globalTask.topics];
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the TopologyTestDriver is closed');
  }
}
