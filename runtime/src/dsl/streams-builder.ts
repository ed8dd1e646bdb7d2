import type { ProcessorSupplier } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import type { StoreBuilder } from '../state/store.js';
import { InternalTopologyBuilder } from '../topology/internal-topology-builder.js';
import type { AnyProcessorSupplier, AnySerde, TimestampExtractor } from '../topology/nodes.js';
import { Topology } from '../topology/topology.js';
import { DslContext, timestampedStoreBuilder } from './dsl-context.js';
import { GlobalKTable } from './global-ktable.js';
import { KStream } from './kstream.js';
import { KTable } from './ktable.js';
import { NameProvider } from './name-provider.js';
import { storeFlags, type Consumed, type Materialized } from './options.js';
import { tableSourceSupplier, type TableState } from './table-processors.js';
import type { VersionedOptions } from '../state/versioned/versioned-stores.js';
import { versionedTableSourceSupplier } from '../state/versioned/versioned-table.js';

export type TableOptions<K, V> = Consumed<K, V> &
  Omit<Materialized<K, V>, 'name'> & {
    /**
     * Materialize the table in a versioned store keeping this much history (Kafka's
     * `Materialized.as(Stores.persistentVersionedKeyValueStore(name, historyRetention))`): stream–table joins
     * read it as of each stream record's timestamp, and out-of-order updates do not replace the latest value.
     */
    readonly versioned?: VersionedOptions;
  };

/** The entry point of the DSL (Kafka's StreamsBuilder): declare sources, chain operators, then `build()`. */
export class StreamsBuilder {
  private readonly topology = new InternalTopologyBuilder();
  private readonly ctx = new DslContext(this.topology, new NameProvider());
  private built: Topology | null = null;

  stream<K, V>(topics: string | readonly string[], options: Consumed<K, V> = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-SOURCE-');
    this.topology.addSource(name, typeof topics === 'string' ? [topics] : topics, sourceOptions(options));
    return new KStream<K, V>(this.ctx, name, options.keySerde, options.valueSerde, false);
  }

  table<K, V>(topic: string, options: TableOptions<K, V> = {}): KTable<K, V> {
    const names = this.ctx.names;
    // Kafka creates the Materialized (and its generated store name) before naming the nodes.
    const storeName = options.storeName ?? names.newStoreName(`${topic}-`);
    const sourceName = names.suffixOrElseGenerate(options.name, '-table-source', 'KSTREAM-SOURCE-');
    const tableSourceName = names.orElseGenerate(options.name, 'KTABLE-SOURCE-');
    this.topology.addSource(sourceName, [topic], sourceOptions(options));
    const state: TableState = { storeName: null, sendOldValues: false };
    const versioned = options.versioned;
    const supplier = versioned ? versionedTableSourceSupplier<K, V>(state) : tableSourceSupplier<K, V>(state);
    this.ctx.addProcessor(tableSourceName, supplier, sourceName);
    const table = new KTable<K, V>(this.ctx, tableSourceName, options.keySerde, options.valueSerde, state, {
      kind: 'source',
      storeName,
      flags: storeFlags(options),
      ...(versioned ? { versioned } : {}),
    });
    // A versioned table is always materialized: its store is what makes it versioned.
    if (options.storeName !== undefined || versioned) table.materializeSource();
    return table;
  }

  globalTable<K, V>(topic: string, options: TableOptions<K, V> = {}): GlobalKTable<K, V> {
    const names = this.ctx.names;
    if (options.versioned !== undefined)
      throw new TypeError(
        `global table "${topic}": versioned stores are supported for KTables only, as in Kafka`,
      );
    const storeName = options.storeName ?? names.newStoreName(`${topic}-`);
    const sourceName = names.suffixOrElseGenerate(options.name, '-table-source', 'KSTREAM-SOURCE-');
    const processorName = names.orElseGenerate(options.name, 'KTABLE-SOURCE-');
    // The topic is the global store's changelog, so the store itself is never logged.
    const store = timestampedStoreBuilder(storeName, options.keySerde, options.valueSerde, {
      logging: false,
      caching: false,
    });
    const state: TableState = { storeName, sendOldValues: false };
    this.topology.addGlobalStore(
      store,
      sourceName,
      topic,
      sourceOptions(options),
      processorName,
      tableSourceSupplier<K, V>(state) as unknown as AnyProcessorSupplier,
    );
    return new GlobalKTable<K, V>(storeName, options.keySerde, options.valueSerde);
  }

  /** Adds a store for Processor API processors; name it in `process(..., { stores: [name] })`. */
  addStateStore(builder: StoreBuilder): this {
    this.topology.addStateStore(builder);
    return this;
  }

  /** A global store maintained by your own processor from every partition of `topic`. */
  addGlobalStore<K, V>(
    builder: StoreBuilder,
    topic: string,
    options: Consumed<K, V>,
    supplier: ProcessorSupplier<K, V, void, void>,
  ): this {
    const sourceName = this.ctx.names.newProcessorName('KSTREAM-SOURCE-');
    const processorName = this.ctx.names.newProcessorName('KTABLE-SOURCE-');
    this.topology.addGlobalStore(
      builder.withLoggingDisabled(),
      sourceName,
      topic,
      sourceOptions(options),
      processorName,
      supplier as unknown as AnyProcessorSupplier,
    );
    return this;
  }

  /** The topology built so far; later calls return the same Topology. */
  build(): Topology {
    this.built ??= new Topology(this.topology);
    return this.built;
  }
}

function sourceOptions<K, V>(options: {
  keySerde?: Serde<K>;
  valueSerde?: Serde<V>;
  timestampExtractor?: TimestampExtractor;
}): {
  keySerde: AnySerde | undefined;
  valueSerde: AnySerde | undefined;
  timestampExtractor: TimestampExtractor | undefined;
} {
  return {
    keySerde: options.keySerde as AnySerde | undefined,
    valueSerde: options.valueSerde as AnySerde | undefined,
    timestampExtractor: options.timestampExtractor,
  };
}
