import { StreamsProcessingError, type DeserializationHandler } from '../errors/deserialization-handler.js';
import type { ProcessingHandler } from '../errors/processing-handler.js';
import { NodeMetrics } from '../metrics/node-metrics.js';
import type { Headers, Processor, PunctuationType, StateStore, StreamRecord } from '../processor/api.js';
import type { StoredRecord } from '../raw-record.js';
import type { Serde } from '../serdes/serde.js';
import { defaultSerde } from '../serdes/serdes.js';
import type { ManagedStateStore } from '../state/store.js';
import { InMemoryKeyValueStore } from '../state/key-value-store.js';
import { CachingKeyValueStore } from '../state/cache/caching-key-value-store.js';
import { CachingSessionStore } from '../windows/caching-session-store.js';
import { CachingWindowStore } from '../windows/caching-window-store.js';
import { InMemoryWindowStore } from '../windows/window-store.js';
import { InMemorySessionStore } from '../windows/session-store.js';
import { isCachingStore } from '../state/cache/caching-store.js';
import type { RecordCache } from '../state/cache/record-cache.js';
import type { CachedRecordContext, RecordContextAccess } from '../state/cache/record-context.js';
import type { InternalTopologyBuilder, SubtopologyInfo } from '../topology/internal-topology-builder.js';
import type { NodeDef } from '../topology/nodes.js';
import type { Topology } from '../topology/topology.js';
import type { DebugTracer } from '../debug/tracer.js';
import type { InternalProcessorContext } from './internal-context.js';
import { processorContext, type ContextTask } from './processor-context-impl.js';
import { PunctuationQueue } from './punctuation-queue.js';
import type { RecordCollector } from './record-collector.js';
import { handleRecordFailure } from './record-failure.js';
import { SinkNode } from './sink-node.js';
import { SourceNode } from './source-node.js';

export interface StreamTaskOptions {
  readonly topology: Topology;
  readonly subtopologyId: number;
  readonly partition: number;
  readonly applicationId: string;
  /** Defaults to Kafka's `<subtopologyId>_<partition>`. */
  readonly taskId?: string;
  readonly collector: RecordCollector;
  readonly deserializationHandler?: DeserializationHandler;
  /** What to do when user code throws while processing a record (Kafka's KIP-1033). Default fail. */
  readonly processingHandler?: ProcessingHandler;
  /** Serdes for sources, sinks and stores that were given none (Kafka's default.key/value.serde). */
  readonly defaultKeySerde?: Serde<unknown>;
  readonly defaultValueSerde?: Serde<unknown>;
  /** Wall-clock source; the TopologyTestDriver passes its mocked clock. */
  readonly clock?: () => number;
  /** Stores of the global task, readable from every processor. */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
  /** Number of partitions of a topic, for custom partitioners; undefined if unknown. */
  readonly partitionsFor?: (topic: string) => number | undefined;
  /**
   * One stream time for several tasks: the TopologyTestDriver passes the same cell to every task, matching
   * Kafka's driver, which runs the whole topology as a single task. Runners leave it unset (one per task).
   */
  readonly sharedStreamTime?: { value: number };
  /** Write logged stores' changes to `<applicationId>-<store>-changelog` through the collector (default true). */
  readonly logChangelogs?: boolean;
  /**
   * The record cache (Kafka's ThreadCache, shared by the tasks of one thread) for stores built with caching
   * enabled; their updates leave at `flush` (each commit) or on eviction. Unset or 0 bytes: no caching.
   */
  readonly cache?: RecordCache;
  /** The debugger's hook (runtime/src/debug/): told of every node visit. Unset: no cost but a null check. */
  readonly tracer?: DebugTracer;
}

const NO_HEADERS: Headers = new Map();
const LATENCY_SAMPLE_EVERY = 8;

interface RuntimeNode {
  readonly def: NodeDef;
  readonly metrics: NodeMetrics;
  readonly children: RuntimeNode[];
  readonly childByName: Map<string, RuntimeNode>;
  processor: Processor<unknown, unknown, unknown, unknown> | null;
  /** Set on sink nodes: they serialize and send instead of processing. */
  sink: SinkNode | null;
  context: InternalProcessorContext<unknown, unknown> | null;
}

/**
 * One task: one partition of one sub-topology. The runner (or the TopologyTestDriver) feeds it raw records with
 * `process`; its SourceNode deserializes them and the processor graph runs synchronously; whatever reaches a
 * SinkNode (and every write to a logged store) leaves through the RecordCollector. The error policy for a
 * failed record is `record-failure.ts`, each node's context `processor-context-impl.ts`. Every record a node
 * forwards goes through `forwardTo` → `runChild`, the one place to observe forwarding.
 *
 * Lifecycle: construct (inits processors and stores) → `restore` changelog records → `process` /
 * `punctuateStreamTime` / `punctuateWallClock` → `flush` at commit → `close`.
 */
export class StreamTask {
  readonly id: string;
  readonly partition: number;
  readonly applicationId: string;
  readonly subtopology: SubtopologyInfo;
  /** Resolved source topic names (internal ones prefixed with the application id). */
  readonly sourceTopics: readonly string[];
  /** Logged stores and their resolved changelog topics. */
  readonly changelogs: readonly { storeName: string; topic: string }[];

  private readonly builder: InternalTopologyBuilder;
  private readonly nodes = new Map<string, RuntimeNode>();
  private readonly sourceByTopic = new Map<string, { node: RuntimeNode; source: SourceNode }>();
  private readonly stores = new Map<string, ManagedStateStore>();
  private readonly punctuations = new PunctuationQueue();
  private readonly clock: () => number;
  // A cell rather than a number so that several tasks can share one stream time (see `sharedStreamTime`).
  private readonly time: { value: number };
  private closed = false;
  private readonly tracer: DebugTracer | null;

  // The record being processed; mutated in place rather than allocated per record.
  // Source position of the record being processed (topic null inside punctuators); the RecordMetadata object
  // is only built when a processor asks for it.
  private currentTopic: string | null = null;
  private currentPartition = -1;
  private currentOffset = -1;
  private currentTimestamp = 0;
  private currentHeaders: Headers = NO_HEADERS;

  constructor(private readonly options: StreamTaskOptions) {
    this.builder = options.topology.internalBuilder;
    const info = this.builder.subtopologies().find((s) => s.id === options.subtopologyId);
    if (!info) throw new Error(`the topology has no sub-topology ${options.subtopologyId}`);
    this.subtopology = info;
    this.partition = options.partition;
    this.applicationId = options.applicationId;
    this.id = options.taskId ?? `${options.subtopologyId}_${options.partition}`;
    this.clock = options.clock ?? Date.now;
    this.tracer = options.tracer ?? null;
    this.time = options.sharedStreamTime ?? { value: -1 };
    this.sourceTopics = info.sourceTopics.map((t) => this.builder.resolveTopic(options.applicationId, t));

    const changelogs: { storeName: string; topic: string }[] = [];
    for (const storeName of info.storeNames) {
      const entry = this.builder.stores.get(storeName);
      if (!entry) throw new Error(`store "${storeName}" is connected but was never added`);
      const store = this.withCache(storeName, entry.builder.cachingEnabled, entry.builder.build());
      this.stores.set(storeName, store);
      if (entry.builder.loggingEnabled) {
        const topic = this.builder.changelogTopic(options.applicationId, storeName);
        changelogs.push({ storeName, topic });
        if (options.logChangelogs !== false) {
          store.setChangeLogger((key, value) =>
            options.collector.send(topic, key, value, this.currentTimestamp, NO_HEADERS, this.partition),
          );
        }
      }
    }
    this.changelogs = changelogs;

    const keySerde = options.defaultKeySerde ?? defaultSerde();
    const valueSerde = options.defaultValueSerde ?? defaultSerde();
    const sinkOptions = {
      collector: options.collector,
      resolveTopic: (topic: string) => this.builder.resolveTopic(options.applicationId, topic),
      ...(options.partitionsFor ? { partitionsFor: options.partitionsFor } : {}),
      defaultKeySerde: keySerde,
      defaultValueSerde: valueSerde,
    };
    for (const name of info.nodeNames) {
      const def = this.builder.nodes.get(name) as NodeDef;
      this.nodes.set(name, {
        def,
        metrics: new NodeMetrics(name),
        children: [],
        childByName: new Map(),
        processor: null,
        sink: def.kind === 'sink' ? new SinkNode(def, sinkOptions) : null,
        context: null,
      });
    }
    for (const node of this.nodes.values()) {
      for (const parentName of node.def.predecessors) {
        const parent = this.nodes.get(parentName);
        if (!parent) continue;
        parent.children.push(node);
        parent.childByName.set(node.def.name, node);
      }
      if (node.def.kind === 'source') {
        const source = new SourceNode(node.def, keySerde, valueSerde);
        for (const topic of node.def.topics) {
          this.sourceByTopic.set(this.builder.resolveTopic(options.applicationId, topic), { node, source });
        }
      }
    }
    const contextTask = this.contextTask();
    for (const node of this.nodes.values()) {
      node.context = processorContext(contextTask, {
        name: node.def.name,
        metrics: node.metrics,
        storeNames: node.def.kind === 'processor' ? node.def.stores : [],
        forward: (record, childName) => this.forwardTo(node, record, childName),
        runInNode: (fn) => this.runInNode(node, fn),
      });
      if (node.def.kind === 'processor') {
        node.processor = node.def.supplier();
        this.runInNode(node, () =>
          node.processor?.init?.(node.context as InternalProcessorContext<unknown, unknown>),
        );
      }
    }
  }

  /** Processes one input record synchronously. Throws StreamsProcessingError if processing must stop. */
  process(record: StoredRecord): void {
    this.checkOpen();
    const entry = this.sourceByTopic.get(record.topic);
    if (!entry) throw new Error(`task ${this.id} does not consume topic "${record.topic}"`);
    const { node: source, source: reader } = entry;
    source.metrics.recordsIn++;

    let input: StreamRecord<unknown, unknown> | null;
    try {
      input = reader.read(record, this.time.value);
    } catch (cause) {
      source.metrics.errors++;
      const failure = { stage: 'deserialization', nodeName: source.def.name, record, cause } as const;
      handleRecordFailure(this.options.deserializationHandler, failure, this.id, this.options.collector);
      return;
    }
    if (input === null) {
      // Kafka's default extractors skip records with an invalid (negative) timestamp and count them.
      source.metrics.droppedRecords++;
      return;
    }
    if (input.timestamp > this.time.value) this.time.value = input.timestamp;

    this.currentTopic = record.topic;
    this.currentPartition = record.partition;
    this.currentOffset = record.offset;
    this.currentTimestamp = input.timestamp;
    this.currentHeaders = record.headers;
    try {
      if (this.tracer === null) this.forwardTo(source, input, undefined);
      else this.forwardTraced(source, input);
    } catch (error) {
      // The failing node has counted the error already (wrapError); what the record produced before the
      // failure stays sent, as in Kafka Streams.
      const nodeName = error instanceof StreamsProcessingError ? error.nodeName : source.def.name;
      const failure = { stage: 'processing', nodeName, record, cause: error } as const;
      handleRecordFailure(this.options.processingHandler, failure, this.id, this.options.collector);
    } finally {
      this.currentTopic = null;
    }
  }

  /** Runs stream-time punctuators due at the current stream time; returns whether any ran. */
  punctuateStreamTime(): boolean {
    this.checkOpen();
    if (this.time.value < 0) return false;
    return this.punctuate('STREAM_TIME', this.time.value);
  }

  /** Runs wall-clock punctuators due at `nowMs`; returns whether any ran. */
  punctuateWallClock(nowMs: number): boolean {
    this.checkOpen();
    return this.punctuate('WALL_CLOCK_TIME', nowMs);
  }

  /**
   * Called before every commit (Kafka's StreamTask#prepareCommit → flushCache): cached stores write their dirty
   * entries to the store below and its changelog and forward them downstream, in the order the stores were
   * added (so an upstream store's flush reaches a downstream cached store before that one flushes). What this
   * sends goes through the collector, so the runner must send the collector's records before committing.
   */
  flush(): void {
    this.checkOpen();
    for (const store of this.stores.values()) if (isCachingStore(store)) store.flushCache();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const node of this.nodes.values()) {
      if (node.processor?.close) this.runInNode(node, () => node.processor?.close?.());
    }
    for (const store of this.stores.values()) store.close();
  }

  /** Applies one changelog record to a store before processing starts. */
  restore(storeName: string, key: Uint8Array, value: Uint8Array | null): void {
    const store = this.stores.get(storeName);
    if (!store) throw new Error(`task ${this.id} has no store "${storeName}"`);
    store.restore(key, value);
  }

  getStore(name: string): StateStore | undefined {
    return this.stores.get(name);
  }

  get storeNames(): readonly string[] {
    return [...this.stores.keys()];
  }

  /** Per-node counters, live (the runner reads them for snapshots). */
  nodeMetrics(): NodeMetrics[] {
    return [...this.nodes.values()].map((n) => n.metrics);
  }

  get currentStreamTime(): number {
    return this.time.value;
  }

  /**
   * Wraps a store with caching enabled in the record cache, when the task has one: key-value stores and the
   * window and session stores of windowed aggregations.
   */
  private withCache(storeName: string, cachingEnabled: boolean, store: ManagedStateStore): ManagedStateStore {
    const cache = this.options.cache;
    if (cache === undefined || cache.maxBytes === 0 || !cachingEnabled) return store;
    const namespace = `${this.id}-${storeName}`;
    if (store instanceof InMemoryKeyValueStore)
      return new CachingKeyValueStore(store, cache, namespace, this.recordContexts);
    if (store instanceof InMemoryWindowStore)
      return new CachingWindowStore(store, cache, namespace, this.recordContexts);
    if (store instanceof InMemorySessionStore)
      return new CachingSessionStore(store, cache, namespace, this.recordContexts);
    return store;
  }

  /** The current record's context for cached writes, and running a cache flush under a cached one. */
  private readonly recordContexts: RecordContextAccess = {
    current: (): CachedRecordContext => ({
      timestamp: this.currentTimestamp,
      headers: this.currentHeaders,
      topic: this.currentTopic,
      partition: this.currentPartition,
      offset: this.currentOffset,
    }),
    runWith: (context, fn) => {
      const saved = this.recordContexts.current();
      this.currentTopic = context.topic;
      this.currentPartition = context.partition;
      this.currentOffset = context.offset;
      this.currentTimestamp = context.timestamp;
      this.currentHeaders = context.headers;
      try {
        fn();
      } finally {
        this.currentTopic = saved.topic;
        this.currentPartition = saved.partition;
        this.currentOffset = saved.offset;
        this.currentTimestamp = saved.timestamp;
        this.currentHeaders = saved.headers;
      }
    },
  };

  private punctuate(type: PunctuationType, now: number): boolean {
    return this.punctuations.punctuate(type, now, (run, timestamp) => {
      this.currentTopic = null;
      this.currentTimestamp = timestamp;
      this.currentHeaders = NO_HEADERS;
      run(timestamp);
    });
  }

  /** What each node's context reads from this task. */
  private contextTask(): ContextTask {
    return {
      applicationId: this.applicationId,
      taskId: this.id,
      punctuations: this.punctuations,
      tracer: this.tracer,
      recordMetadata: () =>
        this.currentTopic === null
          ? null
          : { topic: this.currentTopic, partition: this.currentPartition, offset: this.currentOffset },
      streamTime: () => this.time.value,
      wallClock: () => this.clock(),
      currentTimestamp: () => this.currentTimestamp,
      localStore: (name) => this.stores.get(name),
      globalStore: (name) => this.options.globalStores?.get(name),
    };
  }

  /** Sends `record` from `from` to all its children, or to the named child only. */
  private forwardTo(
    from: RuntimeNode,
    record: StreamRecord<unknown, unknown>,
    childName: string | undefined,
  ): void {
    if (childName !== undefined) {
      const child = from.childByName.get(childName);
      if (!child)
        throw new StreamsProcessingError(
          `"${from.def.name}" has no child named "${childName}"`,
          from.def.name,
        );
      from.metrics.recordsOut++;
      this.runChild(child, record);
      return;
    }
    const children = from.children;
    for (let i = 0; i < children.length; i++) {
      from.metrics.recordsOut++;
      this.runChild(children[i] as RuntimeNode, record);
    }
  }

  private forwardTraced(source: RuntimeNode, record: StreamRecord<unknown, unknown>): void {
    const tracer = this.tracer as DebugTracer;
    tracer.enter(source.def.name, record);
    try {
      this.forwardTo(source, record, undefined);
    } finally {
      tracer.leave(source.def.name);
    }
  }

  private runChild(node: RuntimeNode, record: StreamRecord<unknown, unknown>): void {
    const tracer = this.tracer;
    if (tracer !== null) tracer.enter(node.def.name, record);
    const savedTimestamp = this.currentTimestamp;
    const savedHeaders = this.currentHeaders;
    this.currentTimestamp = record.timestamp;
    this.currentHeaders = record.headers;
    // Latency is sampled (1 record in LATENCY_SAMPLE_EVERY per node): reading the clock twice per node per
    // record would cost more than the operators themselves; percentiles need samples, not every record.
    const sampled = node.metrics.recordsIn % LATENCY_SAMPLE_EVERY === 0;
    node.metrics.recordsIn++;
    const start = sampled ? performance.now() : 0;
    try {
      if (node.sink !== null) {
        node.sink.send(record, this.currentTopic, this.currentPartition, this.currentOffset);
        node.metrics.recordsOut++;
      } else (node.processor as Processor<unknown, unknown, unknown, unknown>).process(record);
    } catch (error) {
      throw this.wrapError(node, error);
    } finally {
      if (sampled) node.metrics.latency.record(performance.now() - start);
      this.currentTimestamp = savedTimestamp;
      this.currentHeaders = savedHeaders;
      if (tracer !== null) tracer.leave(node.def.name);
    }
  }

  private runInNode(node: RuntimeNode, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      throw this.wrapError(node, error);
    }
  }

  private wrapError(node: RuntimeNode, error: unknown): StreamsProcessingError {
    if (error instanceof StreamsProcessingError) return error;
    node.metrics.errors++;
    const message = error instanceof Error ? error.message : String(error);
    return new StreamsProcessingError(
      `error in processor "${node.def.name}" (task ${this.id}): ${message}`,
      node.def.name,
      {
        cause: error,
      },
    );
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`task ${this.id} is closed`);
  }
}
