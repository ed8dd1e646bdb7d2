import type { ProcessorSupplier } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import type { StoreBuilder } from '../state/store.js';
import {
  InternalTopologyBuilder,
  type SinkOptions,
  type SourceOptions,
} from './internal-topology-builder.js';
import type { AnyProcessorSupplier, TopicNameExtractor } from './nodes.js';
import type { TopologyDescription } from './topology-description.js';

/**
 * A processor graph, built by StreamsBuilder#build or by hand with Kafka's low-level Topology API. Runners
 * (TopologyTestDriver, KafkaStreams) read it through `internalBuilder`.
 */
export class Topology {
  /** The graph itself; for runners, not for application code. */
  readonly internalBuilder: InternalTopologyBuilder;

  constructor(internalBuilder?: InternalTopologyBuilder) {
    this.internalBuilder = internalBuilder ?? new InternalTopologyBuilder();
  }

  addSource<K, V>(
    name: string,
    topics: string | readonly string[],
    options: { keySerde?: Serde<K>; valueSerde?: Serde<V> } & Omit<
      SourceOptions,
      'keySerde' | 'valueSerde'
    > = {},
  ): this {
    this.internalBuilder.addSource(
      name,
      typeof topics === 'string' ? [topics] : topics,
      options as SourceOptions,
    );
    return this;
  }

  addProcessor<KIn, VIn, KOut, VOut>(
    name: string,
    supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>,
    ...parentNames: string[]
  ): this {
    // Erased: the graph stores nodes of every type; the caller vouches that parents emit KIn/VIn.
    this.internalBuilder.addProcessor(name, supplier as unknown as AnyProcessorSupplier, ...parentNames);
    return this;
  }

  addSink<K, V>(
    name: string,
    topic: string | TopicNameExtractor<K, V>,
    options: { keySerde?: Serde<K>; valueSerde?: Serde<V> } & Omit<
      SinkOptions,
      'keySerde' | 'valueSerde'
    > = {},
    ...parentNames: string[]
  ): this {
    this.internalBuilder.addSink(name, topic as TopicNameExtractor, options as SinkOptions, ...parentNames);
    return this;
  }

  addStateStore(builder: StoreBuilder, ...processorNames: string[]): this {
    this.internalBuilder.addStateStore(builder, ...processorNames);
    return this;
  }

  connectProcessorAndStateStores(processorName: string, ...storeNames: string[]): this {
    this.internalBuilder.connectProcessorAndStateStores(processorName, ...storeNames);
    return this;
  }

  addGlobalStore<K, V>(
    builder: StoreBuilder,
    sourceName: string,
    topic: string,
    options: { keySerde?: Serde<K>; valueSerde?: Serde<V> },
    processorName: string,
    supplier: ProcessorSupplier<K, V, void, void>,
  ): this {
    this.internalBuilder.addGlobalStore(
      builder,
      sourceName,
      topic,
      options as SourceOptions,
      processorName,
      supplier as unknown as AnyProcessorSupplier,
    );
    return this;
  }

  describe(): TopologyDescription {
    return this.internalBuilder.describe();
  }
}
