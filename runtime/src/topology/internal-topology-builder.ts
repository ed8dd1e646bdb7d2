import type { StoreBuilder } from '../state/store.js';
import type {
  AnyProcessorSupplier,
  AnySerde,
  NodeDef,
  ProcessorNodeDef,
  SinkNodeDef,
  SourceNodeDef,
  StreamPartitioner,
  TimestampExtractor,
  TopicNameExtractor,
} from './nodes.js';
import {
  describeGlobalStore,
  describeSubtopology,
  TopologyDescription,
  type GlobalStoreDescription,
  type SubtopologyDescription,
} from './topology-description.js';
import { UnionFind } from './union-find.js';

export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

export interface SourceOptions {
  keySerde?: AnySerde | undefined;
  valueSerde?: AnySerde | undefined;
  timestampExtractor?: TimestampExtractor | undefined;
}

export interface SinkOptions {
  keySerde?: AnySerde | undefined;
  valueSerde?: AnySerde | undefined;
  partitioner?: StreamPartitioner | undefined;
}

export interface StoreEntry {
  readonly builder: StoreBuilder;
  readonly processors: string[];
  readonly global: boolean;
}

/** One sub-topology as the engine needs it: its nodes and the topics and stores it touches. */
export interface SubtopologyInfo {
  readonly id: number;
  /** Node names in graph insertion order. */
  readonly nodeNames: readonly string[];
  /** Raw source topic names (internal ones unprefixed; resolve with `resolveTopic`). */
  readonly sourceTopics: readonly string[];
  readonly sinkTopics: readonly string[];
  readonly storeNames: readonly string[];
}

export interface GlobalStoreInfo {
  readonly id: number;
  readonly sourceName: string;
  readonly processorName: string;
  readonly storeName: string;
  readonly topic: string;
}

/**
 * The processor graph behind a Topology, mirroring Kafka's InternalTopologyBuilder: named source, processor and
 * sink nodes; stores attached to processors; sub-topologies as connected components (a repartition topic's
 * sink and source are separate nodes, so it splits them). Internal topic names are kept unprefixed and resolved
 * against the application id at runtime.
 */
export class InternalTopologyBuilder {
  readonly nodes = new Map<string, NodeDef>();
  readonly stores = new Map<string, StoreEntry>();
  /** Repartition topics, unprefixed, with an optional fixed partition count. */
  readonly internalTopics = new Map<string, number | undefined>();
  /**
   * Internal topics that take their partition count from the other source topics of the sub-topology reading
   * them, not from their writer (Kafka's copartitionSources for the foreign-key join's topics).
   */
  readonly readerCopartitionedTopics = new Set<string>();
  private readonly globalSources = new Set<string>();
  private readonly topicToSource = new Map<string, string>();
  private readonly grouper = new UnionFind();
  private groupsCache: Map<number, string[]> | null = null;

  addSource(name: string, topics: readonly string[], options: SourceOptions = {}): void {
    this.checkNewNode(name);
    if (topics.length === 0) throw new TopologyError(`source "${name}" needs at least one topic`);
    for (const topic of topics) {
      const owner = this.topicToSource.get(topic);
      if (owner) throw new TopologyError(`topic "${topic}" is already consumed by source "${owner}"`);
    }
    for (const topic of topics) this.topicToSource.set(topic, name);
    const def: SourceNodeDef = {
      kind: 'source',
      name,
      topics: [...topics],
      keySerde: options.keySerde,
      valueSerde: options.valueSerde,
      timestampExtractor: options.timestampExtractor,
      predecessors: [],
    };
    this.putNode(def);
  }

  addProcessor(name: string, supplier: AnyProcessorSupplier, ...predecessors: string[]): void {
    this.checkNewNode(name);
    this.checkPredecessors(name, predecessors);
    const def: ProcessorNodeDef = {
      kind: 'processor',
      name,
      supplier,
      predecessors: [...predecessors],
      stores: [],
    };
    this.putNode(def);
    this.grouper.unite(name, ...predecessors);
  }

  addSink(
    name: string,
    topic: string | TopicNameExtractor,
    options: SinkOptions,
    ...predecessors: string[]
  ): void {
    this.checkNewNode(name);
    if (typeof topic === 'string' && topic.length === 0)
      throw new TopologyError(`sink "${name}" needs a topic`);
    this.checkPredecessors(name, predecessors);
    const def: SinkNodeDef = {
      kind: 'sink',
      name,
      topic,
      keySerde: options.keySerde,
      valueSerde: options.valueSerde,
      partitioner: options.partitioner,
      predecessors: [...predecessors],
    };
    this.putNode(def);
    this.grouper.unite(name, ...predecessors);
  }

  addStateStore(builder: StoreBuilder, ...processorNames: string[]): void {
    if (this.stores.has(builder.name)) throw new TopologyError(`store "${builder.name}" is already added`);
    this.stores.set(builder.name, { builder, processors: [], global: false });
    if (processorNames.length > 0)
      this.connectProcessorAndStateStores(processorNames[0] as string, builder.name);
    for (const p of processorNames.slice(1)) this.connectProcessorAndStateStores(p, builder.name);
  }

  connectProcessorAndStateStores(processorName: string, ...storeNames: string[]): void {
    const node = this.nodes.get(processorName);
    if (!node || node.kind !== 'processor')
      throw new TopologyError(`processor "${processorName}" is not added yet`);
    for (const storeName of storeNames) {
      const store = this.stores.get(storeName);
      if (!store) throw new TopologyError(`store "${storeName}" is not added yet`);
      if (store.global)
        throw new TopologyError(`global store "${storeName}" cannot be connected to a processor`);
      if (!node.stores.includes(storeName)) node.stores.push(storeName);
      const first = store.processors[0];
      if (!store.processors.includes(processorName)) store.processors.push(processorName);
      // Processors sharing a store must run in one task, hence one sub-topology.
      if (first !== undefined) this.grouper.unite(first, processorName);
    }
    this.groupsCache = null;
  }

  /** A global store: fed from every partition of `topic` by `processorName`, readable from every task. */
  addGlobalStore(
    builder: StoreBuilder,
    sourceName: string,
    topic: string,
    options: SourceOptions,
    processorName: string,
    supplier: AnyProcessorSupplier,
  ): void {
    if (this.stores.has(builder.name)) throw new TopologyError(`store "${builder.name}" is already added`);
    this.addSource(sourceName, [topic], options);
    this.globalSources.add(sourceName);
    this.addProcessor(processorName, supplier, sourceName);
    this.stores.set(builder.name, { builder, processors: [processorName], global: true });
    (this.nodes.get(processorName) as ProcessorNodeDef).stores.push(builder.name);
  }

  addInternalTopic(name: string, partitions?: number): void {
    this.internalTopics.set(name, partitions);
  }

  copartitionWithReader(name: string): void {
    if (!this.internalTopics.has(name)) throw new TopologyError(`"${name}" is not an internal topic`);
    this.readerCopartitionedTopics.add(name);
  }

  isGlobalSource(nodeName: string): boolean {
    return this.globalSources.has(nodeName);
  }

  /** `<applicationId>-<name>` for internal (repartition) topics, the name itself otherwise. */
  resolveTopic(applicationId: string, topic: string): string {
    return this.internalTopics.has(topic) ? `${applicationId}-${topic}` : topic;
  }

  changelogTopic(applicationId: string, storeName: string): string {
    return `${applicationId}-${storeName}-changelog`;
  }

  /** Node groups in Kafka's numbering: by first appearance of any member in insertion order. */
  nodeGroups(): Map<number, string[]> {
    if (this.groupsCache) return this.groupsCache;
    const groups = new Map<number, string[]>();
    const byRoot = new Map<string, string[]>();
    let next = 0;
    for (const name of this.nodes.keys()) {
      const root = this.grouper.root(name);
      let group = byRoot.get(root);
      if (!group) {
        group = [];
        byRoot.set(root, group);
        groups.set(next++, group);
      }
      group.push(name);
    }
    this.groupsCache = groups;
    return groups;
  }

  subtopologies(): SubtopologyInfo[] {
    const out: SubtopologyInfo[] = [];
    for (const [id, names] of this.nodeGroups()) {
      if (names.some((n) => this.globalSources.has(n))) continue;
      const sourceTopics: string[] = [];
      const sinkTopics: string[] = [];
      const storeNames: string[] = [];
      for (const name of names) {
        const def = this.nodes.get(name) as NodeDef;
        if (def.kind === 'source') sourceTopics.push(...def.topics);
        else if (def.kind === 'sink' && typeof def.topic === 'string') sinkTopics.push(def.topic);
        else if (def.kind === 'processor')
          for (const s of def.stores) if (!storeNames.includes(s)) storeNames.push(s);
      }
      out.push({ id, nodeNames: names, sourceTopics, sinkTopics, storeNames });
    }
    return out;
  }

  globalStores(): GlobalStoreInfo[] {
    const out: GlobalStoreInfo[] = [];
    for (const [id, names] of this.nodeGroups()) {
      const sourceName = names.find((n) => this.globalSources.has(n));
      if (sourceName === undefined) continue;
      const processorName = names.find((n) => n !== sourceName) as string;
      const processor = this.nodes.get(processorName) as ProcessorNodeDef;
      const source = this.nodes.get(sourceName) as SourceNodeDef;
      out.push({
        id,
        sourceName,
        processorName,
        storeName: processor.stores[0] as string,
        topic: source.topics[0] as string,
      });
    }
    return out;
  }

  /** The sub-topology that consumes `topic` (raw name), or undefined. */
  subtopologyForTopic(topic: string): SubtopologyInfo | undefined {
    return this.subtopologies().find((s) => s.sourceTopics.includes(topic));
  }

  describe(): TopologyDescription {
    const subs: SubtopologyDescription[] = [];
    const globals: GlobalStoreDescription[] = [];
    for (const [id, names] of this.nodeGroups()) {
      const global = this.globalStores().find((g) => g.id === id);
      if (global) {
        globals.push(
          describeGlobalStore(
            id,
            this.nodes.get(global.sourceName) as NodeDef,
            this.nodes.get(global.processorName) as NodeDef,
            global.storeName,
            global.topic,
          ),
        );
      } else {
        subs.push(describeSubtopology(id, names, this.nodes));
      }
    }
    return new TopologyDescription(subs, globals);
  }

  private putNode(def: NodeDef): void {
    this.nodes.set(def.name, def);
    this.grouper.add(def.name);
    this.groupsCache = null;
  }

  private checkNewNode(name: string): void {
    if (name.length === 0) throw new TopologyError('a node name must not be empty');
    if (this.nodes.has(name)) throw new TopologyError(`a node named "${name}" is already added`);
  }

  private checkPredecessors(name: string, predecessors: readonly string[]): void {
    if (predecessors.length === 0) throw new TopologyError(`node "${name}" needs at least one parent`);
    for (const p of predecessors) {
      const parent = this.nodes.get(p);
      if (!parent) throw new TopologyError(`parent "${p}" of "${name}" is not added yet`);
      if (parent.kind === 'sink') throw new TopologyError(`sink "${p}" cannot be the parent of "${name}"`);
      if (p === name) throw new TopologyError(`node "${name}" cannot be its own parent`);
    }
  }
}
