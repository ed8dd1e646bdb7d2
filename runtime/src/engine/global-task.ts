import { StreamsProcessingError } from '../errors/deserialization-handler.js';
import { NodeMetrics } from '../metrics/node-metrics.js';
import type { StoredRecord } from '../raw-record.js';
import type { Processor, StateStore } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { defaultSerde } from '../serdes/serdes.js';
import type { ManagedStateStore } from '../state/store.js';
import type { GlobalStoreInfo } from '../topology/internal-topology-builder.js';
import type { ProcessorNodeDef, SourceNodeDef } from '../topology/nodes.js';
import type { Topology } from '../topology/topology.js';
import type { InternalProcessorContext } from './internal-context.js';

interface GlobalUpdater {
  readonly info: GlobalStoreInfo;
  readonly source: SourceNodeDef;
  readonly processor: Processor<unknown, unknown, unknown, unknown>;
  readonly metrics: NodeMetrics;
}

/**
 * Keeps every global store of a topology up to date from all partitions of its topic (Kafka's global thread).
 * Its topic is its changelog, so nothing is logged; runners feed it from offset 0 before starting tasks, then
 * keep feeding it. Pass `stores` to each StreamTask as `globalStores`.
 */
export class GlobalTask {
  readonly stores = new Map<string, StateStore>();
  private readonly updaters = new Map<string, GlobalUpdater>();
  private current = { timestamp: 0, topic: '', partition: 0, offset: 0 };

  constructor(
    topology: Topology,
    private readonly applicationId: string,
    private readonly clock: () => number = Date.now,
    private readonly defaults: { keySerde?: Serde<unknown>; valueSerde?: Serde<unknown> } = {},
  ) {
    const builder = topology.internalBuilder;
    for (const info of builder.globalStores()) {
      const entry = builder.stores.get(info.storeName);
      if (!entry) throw new Error(`global store "${info.storeName}" was never added`);
      const store: ManagedStateStore = entry.builder.build();
      this.stores.set(info.storeName, store);
      const def = builder.nodes.get(info.processorName) as ProcessorNodeDef;
      const updater: GlobalUpdater = {
        info,
        source: builder.nodes.get(info.sourceName) as SourceNodeDef,
        processor: def.supplier(),
        metrics: new NodeMetrics(info.processorName),
      };
      this.updaters.set(info.topic, updater);
      updater.processor.init?.(this.context(updater));
    }
  }

  /** Topics the global stores are fed from. */
  get topics(): readonly string[] {
    return [...this.updaters.keys()];
  }

  process(record: StoredRecord): void {
    const { topic, partition, offset, timestamp, key, value, headers } = record;
    const updater = this.updaters.get(topic);
    if (!updater) throw new Error(`no global store is fed from topic "${topic}"`);
    const keySerde = updater.source.keySerde ?? this.defaults.keySerde ?? defaultSerde();
    const valueSerde = updater.source.valueSerde ?? this.defaults.valueSerde ?? defaultSerde();
    this.current = { timestamp, topic, partition, offset };
    updater.metrics.recordsIn++;
    try {
      updater.processor.process({
        key: key === null ? null : keySerde.deserialize(key, topic),
        value: value === null ? null : valueSerde.deserialize(value, topic),
        timestamp,
        headers,
      });
    } catch (error) {
      updater.metrics.errors++;
      throw new StreamsProcessingError(
        `error updating global store "${updater.info.storeName}": ${error instanceof Error ? error.message : String(error)}`,
        updater.info.processorName,
        { cause: error },
      );
    }
  }

  nodeMetrics(): NodeMetrics[] {
    return [...this.updaters.values()].map((u) => u.metrics);
  }

  close(): void {
    for (const u of this.updaters.values()) u.processor.close?.();
    for (const s of this.stores.values()) (s as ManagedStateStore).close();
  }

  private context(updater: GlobalUpdater): InternalProcessorContext<unknown, unknown> {
    return {
      applicationId: this.applicationId,
      taskId: 'global',
      nodeName: updater.info.processorName,
      metrics: updater.metrics,
      recordMetadata: () => ({
        topic: this.current.topic,
        partition: this.current.partition,
        offset: this.current.offset,
      }),
      currentStreamTimeMs: () => this.current.timestamp,
      currentSystemTimeMs: () => this.clock(),
      currentTimestamp: () => this.current.timestamp,
      // A global store processor has no children; Kafka silently allows forwarding to nobody.
      forward: () => undefined,
      schedule: () => {
        throw new Error('global store processors cannot schedule punctuations');
      },
      getStateStore: <S extends StateStore>(name: string): S => {
        const store = this.stores.get(name);
        if (!store)
          throw new Error(`global processor "${updater.info.processorName}" has no store "${name}"`);
        return store as S;
      },
      commit: () => undefined,
    };
  }
}
