import type { ProcessorSupplier } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { defaultSerde } from '../serdes/serdes.js';
import type { StoreBuilder } from '../state/store.js';
import { Stores } from '../state/stores.js';
import { TimestampedKeyValueStore } from '../state/timestamped-key-value-store.js';
import type { InternalTopologyBuilder } from '../topology/internal-topology-builder.js';
import type { AnyProcessorSupplier, AnySerde, StreamPartitioner } from '../topology/nodes.js';
import { passThroughSupplier } from './stream-processors.js';
import type { NameProvider } from './name-provider.js';
import type { StoreFlags } from './options.js';

/** A timestamped key-value store (the store kind behind KTables and aggregations); default serdes when unset. */
export function timestampedStoreBuilder<K, V>(
  storeName: string,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
  flags: StoreFlags,
): StoreBuilder {
  const builder = Stores.storeBuilder(
    storeName,
    () =>
      new TimestampedKeyValueStore<K, V>(
        storeName,
        keySerde ?? defaultSerde<K>(),
        valueSerde ?? defaultSerde<V>(),
      ),
    flags.logging,
  );
  return flags.caching ? builder.withCachingEnabled() : builder;
}

const REPARTITION_SUFFIX = '-repartition';
// Kafka's test for "this prefix was generated": generated prefixes get generated node names too.
const GENERATED = /^KSTREAM.*-[0-9]{10}$/;

/**
 * What every DSL object shares: the graph being built and the name counter. Also the seam for the window and
 * join operators, which add their processors and stores through it.
 */
export class DslContext {
  constructor(
    readonly topology: InternalTopologyBuilder,
    readonly names: NameProvider,
  ) {}

  addProcessor<KIn, VIn>(
    name: string,
    supplier: ProcessorSupplier<KIn, VIn, unknown, unknown>,
    ...parents: string[]
  ): void {
    // Type-erased into the graph: the DSL's generics guarantee parents emit KIn/VIn.
    this.topology.addProcessor(name, supplier as unknown as AnyProcessorSupplier, ...parents);
  }

  /** Adds a timestamped key-value store (the store kind behind KTables and aggregations) to `processorName`. */
  addTimestampedStore<K, V>(
    storeName: string,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    flags: StoreFlags,
    ...processorNames: string[]
  ): void {
    this.topology.addStateStore(
      timestampedStoreBuilder(storeName, keySerde, valueSerde, flags),
      ...processorNames,
    );
  }

  /**
   * Kafka's KStreamImpl#createRepartitionedSource: a pass-through filter, a sink to `<prefix>-repartition` and a
   * source reading it back (which starts a new sub-topology). Returns the source node's name. Node names are
   * drawn from the counter even when the prefix is user-given, as Kafka does for compatibility.
   */
  createRepartition(
    prefix: string,
    parentName: string,
    keySerde: AnySerde | undefined,
    valueSerde: AnySerde | undefined,
    partitioner?: StreamPartitioner,
    partitions?: number,
  ): string {
    const topic = prefix.endsWith(REPARTITION_SUFFIX) ? prefix : prefix + REPARTITION_SUFFIX;
    const genSink = this.names.newProcessorName('KSTREAM-SINK-');
    const genFilter = this.names.newProcessorName('KSTREAM-FILTER-');
    const genSource = this.names.newProcessorName('KSTREAM-SOURCE-');
    const generated = GENERATED.test(prefix);
    const sinkName = generated ? genSink : `${topic}-sink`;
    const filterName = generated ? genFilter : `${topic}-filter`;
    const sourceName = generated ? genSource : `${topic}-source`;
    this.topology.addInternalTopic(topic, partitions);
    this.addProcessor(filterName, passThroughSupplier(), parentName);
    this.topology.addSink(sinkName, topic, { keySerde, valueSerde, partitioner }, filterName);
    this.topology.addSource(sourceName, [topic], { keySerde, valueSerde });
    return sourceName;
  }
}
