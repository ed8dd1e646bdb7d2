import type {
  FixedKeyProcessorSupplier,
  ProcessorContext,
  ProcessorSupplier,
  StreamRecord,
} from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import type { KeyValue } from '../state/key-value-store.js';
import type { AnySerde, StreamPartitioner, TopicNameExtractor } from '../topology/nodes.js';
import type { GlobalKTable } from './global-ktable.js';
import type {
  Joined,
  LeftValueJoiner,
  OuterValueJoiner,
  StreamJoined,
  ValueJoiner,
} from '../joins/dsl/options.js';
import type { JoinWindows } from '../windows/join-windows.js';
import { BranchedKStream } from './branched-kstream.js';
import type { DslContext } from './dsl-context.js';
import type { KStreamInternals } from './internals.js';
import { joinStream } from './join-dispatch.js';
import { KGroupedStream } from './kgrouped-stream.js';
import { KTable } from './ktable.js';
import type {
  Grouped,
  KeyValueMapper,
  Materialized,
  Named,
  Predicate,
  ProcessOptions,
  Produced,
  Repartitioned,
  ValueMapper,
} from './options.js';
import { storeFlags } from './options.js';
import {
  filterSupplier,
  flatMapSupplier,
  flatMapValuesSupplier,
  mapSupplier,
  mapValuesSupplier,
  peekSupplier,
  passThroughSupplier,
} from './stream-processors.js';
import { tableSourceSupplier, type TableState } from './table-processors.js';

export type { KStreamInternals } from './internals.js';

/** A record stream, mirroring Kafka Streams' KStream. */
export class KStream<K, V> {
  constructor(
    private readonly ctx: DslContext,
    private readonly nodeName: string,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<V> | undefined,
    private readonly repartitionRequired: boolean,
  ) {}

  /** For window and join operators built outside this class. */
  internals(): KStreamInternals<K, V> {
    return {
      context: this.ctx,
      nodeName: this.nodeName,
      keySerde: this.keySerde,
      valueSerde: this.valueSerde,
      repartitionRequired: this.repartitionRequired,
    };
  }

  /** Builds a stream from a node added by an extension (windows, joins). */
  static fromInternals<K, V>(internals: KStreamInternals<K, V>): KStream<K, V> {
    return new KStream(
      internals.context,
      internals.nodeName,
      internals.keySerde,
      internals.valueSerde,
      internals.repartitionRequired,
    );
  }

  filter(predicate: Predicate<K, V>, options: Named = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-FILTER-');
    this.ctx.addProcessor(name, filterSupplier(predicate, false), this.nodeName);
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  filterNot(predicate: Predicate<K, V>, options: Named = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-FILTER-');
    this.ctx.addProcessor(name, filterSupplier(predicate, true), this.nodeName);
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  selectKey<KR>(mapper: KeyValueMapper<K, V, KR>, options: Named = {}): KStream<KR, V> {
    const name = this.addSelectKey(mapper, options.name);
    return this.derive<KR, V>(name, undefined, this.valueSerde, true);
  }

  map<KR, VR>(mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>, options: Named = {}): KStream<KR, VR> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-MAP-');
    this.ctx.addProcessor(name, mapSupplier(mapper), this.nodeName);
    return this.derive<KR, VR>(name, undefined, undefined, true);
  }

  mapValues<VR>(mapper: ValueMapper<V, K, VR>, options: Named = {}): KStream<K, VR> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-MAPVALUES-');
    this.ctx.addProcessor(name, mapValuesSupplier(mapper), this.nodeName);
    return this.derive<K, VR>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  flatMap<KR, VR>(
    mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>,
    options: Named = {},
  ): KStream<KR, VR> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-FLATMAP-');
    this.ctx.addProcessor(name, flatMapSupplier(mapper), this.nodeName);
    return this.derive<KR, VR>(name, undefined, undefined, true);
  }

  flatMapValues<VR>(mapper: ValueMapper<V, K, Iterable<VR>>, options: Named = {}): KStream<K, VR> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-FLATMAPVALUES-');
    this.ctx.addProcessor(name, flatMapValuesSupplier(mapper), this.nodeName);
    return this.derive<K, VR>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  peek(action: (key: K, value: V) => void, options: Named = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-PEEK-');
    this.ctx.addProcessor(name, peekSupplier(action, true), this.nodeName);
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired);
  }

  foreach(action: (key: K, value: V) => void, options: Named = {}): void {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-FOREACH-');
    this.ctx.addProcessor(name, peekSupplier(action, false), this.nodeName);
  }

  /** Splits by predicates; `name` is the prefix of the branch names, as Kafka's `split(Named.as(prefix))`. */
  split(options: Named = {}): BranchedKStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-BRANCH-');
    return new BranchedKStream<K, V>(this.ctx, name, this.nodeName, (branchName) =>
      this.derive(branchName, this.keySerde, this.valueSerde, this.repartitionRequired),
    );
  }

  merge(other: KStream<K, V>, options: Named = {}): KStream<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-MERGE-');
    this.ctx.addProcessor(name, passThroughSupplier<K, V>(), this.nodeName, other.nodeName);
    return this.derive<K, V>(
      name,
      undefined,
      undefined,
      this.repartitionRequired || other.repartitionRequired,
    );
  }

  /** Sends the stream through `<applicationId>-<name>-repartition` (partitioned by key) and reads it back. */
  repartition(options: Repartitioned<K, V> = {}): KStream<K, V> {
    if (options.numberOfPartitions !== undefined && !(options.numberOfPartitions >= 1)) {
      throw new RangeError(`numberOfPartitions must be at least 1, got ${options.numberOfPartitions}`);
    }
    const name = options.name ?? this.ctx.names.newProcessorName('KSTREAM-REPARTITION-');
    const keySerde = options.keySerde ?? this.keySerde;
    const valueSerde = options.valueSerde ?? this.valueSerde;
    const source = this.ctx.createRepartition(
      name,
      this.nodeName,
      options.keySerde as AnySerde | undefined,
      valueSerde as AnySerde | undefined,
      options.partitioner as StreamPartitioner | undefined,
      options.numberOfPartitions,
    );
    return this.derive(source, keySerde, valueSerde, false);
  }

  to(topic: string | TopicNameExtractor<K, V>, options: Produced<K, V> = {}): void {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-SINK-');
    this.ctx.topology.addSink(
      name,
      topic as string | TopicNameExtractor,
      {
        keySerde: (options.keySerde ?? this.keySerde) as AnySerde | undefined,
        valueSerde: (options.valueSerde ?? this.valueSerde) as AnySerde | undefined,
        partitioner: options.partitioner as StreamPartitioner | undefined,
      },
      this.nodeName,
    );
  }

  /** Reads the stream as a changelog into a table (repartitioning first if the key changed). */
  toTable(options: Materialized<K, V> = {}): KTable<K, V> {
    const name = this.ctx.names.orElseGenerate(options.name, 'KSTREAM-TOTABLE-');
    const storeName = options.storeName ?? this.ctx.names.newStoreName('KSTREAM-TOTABLE-');
    const keySerde = options.keySerde ?? this.keySerde;
    const valueSerde = options.valueSerde ?? this.valueSerde;
    let parent = this.nodeName;
    if (this.repartitionRequired) {
      parent = this.ctx.createRepartition(
        name,
        this.nodeName,
        keySerde as AnySerde | undefined,
        valueSerde as AnySerde | undefined,
      );
    }
    const state: TableState = { storeName: options.storeName ?? null, sendOldValues: false };
    this.ctx.addProcessor(name, tableSourceSupplier<K, V>(state), parent);
    const table = new KTable<K, V>(this.ctx, name, keySerde, valueSerde, state, {
      kind: 'source',
      storeName,
      flags: storeFlags(options),
    });
    if (options.storeName !== undefined) table.materializeSource();
    return table;
  }

  // Joins are built in runtime/src/joins/ (owned by the window/join operators); these overloads only type them.
  join<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<K, V, VO, VR>,
    windows: JoinWindows,
    options?: StreamJoined<K, V, VO>,
  ): KStream<K, VR>;
  join<VO, VR>(
    table: KTable<K, VO>,
    joiner: ValueJoiner<K, V, VO, VR>,
    options?: Joined<K, V>,
  ): KStream<K, VR>;
  join<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: KeyValueMapper<K, V, GK>,
    joiner: ValueJoiner<K, V, GV, VR>,
    options?: Named,
  ): KStream<K, VR>;
  join(other: unknown, ...args: unknown[]): KStream<K, unknown> {
    return joinStream(this as KStream<unknown, unknown>, other, args, 'inner') as KStream<K, unknown>;
  }

  leftJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: LeftValueJoiner<K, V, VO, VR>,
    windows: JoinWindows,
    options?: StreamJoined<K, V, VO>,
  ): KStream<K, VR>;
  leftJoin<VO, VR>(
    table: KTable<K, VO>,
    joiner: LeftValueJoiner<K, V, VO, VR>,
    options?: Joined<K, V>,
  ): KStream<K, VR>;
  leftJoin<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: KeyValueMapper<K, V, GK>,
    joiner: LeftValueJoiner<K, V, GV, VR>,
    options?: Named,
  ): KStream<K, VR>;
  leftJoin(other: unknown, ...args: unknown[]): KStream<K, unknown> {
    return joinStream(this as KStream<unknown, unknown>, other, args, 'left') as KStream<K, unknown>;
  }

  outerJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: OuterValueJoiner<K, V, VO, VR>,
    windows: JoinWindows,
    options: StreamJoined<K, V, VO> = {},
  ): KStream<K, VR> {
    return joinStream(
      this as KStream<unknown, unknown>,
      other,
      [joiner, windows, options],
      'outer',
    ) as KStream<K, VR>;
  }

  groupByKey(options: Grouped<K, V> = {}): KGroupedStream<K, V> {
    return new KGroupedStream<K, V>(
      this.ctx,
      this.nodeName,
      options.keySerde ?? this.keySerde,
      options.valueSerde ?? this.valueSerde,
      this.repartitionRequired,
      options.name,
    );
  }

  groupBy<KR>(selector: KeyValueMapper<K, V, KR>, options: Grouped<KR, V> = {}): KGroupedStream<KR, V> {
    const name = this.addSelectKey(selector, options.name);
    return new KGroupedStream<KR, V>(
      this.ctx,
      name,
      options.keySerde,
      options.valueSerde ?? this.valueSerde,
      true,
      options.name,
    );
  }

  /** Runs a Processor API processor; its output may have any key, so a later grouping repartitions. */
  process<KR, VR>(supplier: ProcessorSupplier<K, V, KR, VR>, options: ProcessOptions = {}): KStream<KR, VR> {
    const name = options.name ?? this.ctx.names.newProcessorName('KSTREAM-PROCESSOR-');
    this.ctx.addProcessor(
      name,
      supplier as unknown as ProcessorSupplier<K, V, unknown, unknown>,
      this.nodeName,
    );
    if (options.stores && options.stores.length > 0) {
      this.ctx.topology.connectProcessorAndStateStores(name, ...options.stores);
    }
    return this.derive<KR, VR>(name, undefined, undefined, true);
  }

  /** Runs a processor that may change values only: forwarded records keep their input key. */
  processValues<VR>(
    supplier: FixedKeyProcessorSupplier<K, V, VR>,
    options: ProcessOptions = {},
  ): KStream<K, VR> {
    const name = options.name ?? this.ctx.names.newProcessorName('KSTREAM-PROCESSVALUES-');
    this.ctx.addProcessor(name, fixedKeySupplier(supplier), this.nodeName);
    if (options.stores && options.stores.length > 0) {
      this.ctx.topology.connectProcessorAndStateStores(name, ...options.stores);
    }
    return this.derive<K, VR>(name, this.keySerde, undefined, this.repartitionRequired);
  }

  private addSelectKey<KR>(mapper: KeyValueMapper<K, V, KR>, givenName: string | undefined): string {
    const name = this.ctx.names.orElseGenerate(givenName, 'KSTREAM-KEY-SELECT-');
    this.ctx.addProcessor(
      name,
      mapSupplier<K, V, KR, V>((key, value) => ({ key: mapper(key, value), value })),
      this.nodeName,
    );
    return name;
  }

  private derive<K2, V2>(
    name: string,
    keySerde: Serde<K2> | undefined,
    valueSerde: Serde<V2> | undefined,
    repartitionRequired: boolean,
  ): KStream<K2, V2> {
    return new KStream<K2, V2>(this.ctx, name, keySerde, valueSerde, repartitionRequired);
  }
}

/**
 * Adapts a FixedKeyProcessor: while it processes a record, anything it forwards carries that record's key
 * (Kafka enforces this with FixedKeyRecord). Records forwarded from punctuators keep the key they were given.
 */
function fixedKeySupplier<K, V, VR>(
  supplier: FixedKeyProcessorSupplier<K, V, VR>,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () => {
    const inner = supplier();
    let current: { key: K } | null = null;
    return {
      init(context: ProcessorContext<unknown, unknown>): void {
        const fixed: ProcessorContext<K, VR> = Object.assign(Object.create(null) as object, context, {
          forward: <K2 extends K, V2 extends VR>(record: StreamRecord<K2, V2>, childName?: string) => {
            context.forward(current === null ? record : { ...record, key: current.key }, childName);
          },
        }) as ProcessorContext<K, VR>;
        inner.init?.(fixed);
      },
      process(record: StreamRecord<K, V>): void {
        current = { key: record.key };
        try {
          inner.process(record);
        } finally {
          current = null;
        }
      },
      close(): void {
        inner.close?.();
      },
    };
  };
}
