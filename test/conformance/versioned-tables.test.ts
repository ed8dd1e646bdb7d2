// KTable operators over versioned tables (KIP-914), ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/ KTableFilterTest.java
// (shouldNotSkipNullIfVersionedUpstream, shouldSkipNullToRepartitionWithoutMaterialization),
// KTableAggregateTest.java (testCountOfVersionedStore) and SuppressTopologyTest.java
// (shouldThrowOnSuppressFor{,Non}MaterializedVersionedTable); plus the source semantics those rely on.
import { describe, expect, it } from 'vitest';
import {
  BufferConfig,
  Serdes,
  StreamsBuilder,
  Suppressed,
  TopologyError,
  TopologyTestDriver,
  type Change,
  type KTable,
  type ProcessorSupplier,
  type VersionedKeyValueStore,
} from '../../runtime/src/index.js';
import { kvt, type KeyValueTimestamp } from './support.js';

const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const versioned = { versioned: { historyRetentionMs: 5 * 60_000 } };

/** Kafka's MockApiProcessorSupplier: records every (key, change, timestamp) it is given. */
function capture(): {
  supplier: ProcessorSupplier<string, Change<string>, void, void>;
  processed: KeyValueTimestamp<string, Change<string>>[];
} {
  const processed: KeyValueTimestamp<string, Change<string>>[] = [];
  return {
    processed,
    supplier: () => ({
      process: (r) =>
        void processed.push(
          kvt(r.key, { newValue: r.value.newValue, oldValue: r.value.oldValue }, r.timestamp),
        ),
    }),
  };
}

function nodeName(table: KTable<unknown, unknown>): string {
  return table.internals().nodeName;
}

describe('KTableFilterTest (versioned)', () => {
  /** doTestSkipNullOnMaterialization: a filter rejecting everything, with a groupBy asking for old values. */
  function skipNull(sourceVersioned: boolean): KeyValueTimestamp<string, Change<string>>[][] {
    const builder = new StreamsBuilder();
    const table1 = builder.table<string, string>('topic1', {
      ...str,
      ...(sourceVersioned ? { storeName: 'versioned', ...versioned } : {}),
    });
    const table2 = table1.filter((_k, v) => v.toLowerCase() === 'accept');
    table2
      .groupBy((k, v) => ({ key: k, value: v }), str)
      .reduce(
        (a, b) => a + b,
        (a, b) => a.replace(b, ''),
      );
    const topology = builder.build();
    const one = capture();
    const two = capture();
    topology.addProcessor('proc1', one.supplier, nodeName(table1 as KTable<unknown, unknown>));
    topology.addProcessor('proc2', two.supplier, nodeName(table2 as KTable<unknown, unknown>));
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic<string, string>('topic1', str);
    input.pipeInput('A', 'reject', 5);
    input.pipeInput('B', 'reject', 10);
    input.pipeInput('C', 'reject', 20);
    driver.close();
    return [one.processed, two.processed];
  }
  const rejected = [
    kvt('A', { newValue: 'reject', oldValue: null }, 5),
    kvt('B', { newValue: 'reject', oldValue: null }, 10),
    kvt('C', { newValue: 'reject', oldValue: null }, 20),
  ];

  it('shouldSkipNullToRepartitionWithoutMaterialization', () => {
    expect(skipNull(false)).toEqual([rejected, []]);
  });

  it('shouldNotSkipNullIfVersionedUpstream', () => {
    expect(skipNull(true)).toEqual([
      rejected,
      [
        kvt('A', { newValue: null, oldValue: null }, 5),
        kvt('B', { newValue: null, oldValue: null }, 10),
        kvt('C', { newValue: null, oldValue: null }, 20),
      ],
    ]);
  });
});

describe('KTableAggregateTest (versioned)', () => {
  it('testCountOfVersionedStore: out-of-order updates stay out of the aggregate', () => {
    const builder = new StreamsBuilder();
    builder
      .table<string, string>('count-test-input', { ...str, storeName: 'versioned', ...versioned })
      .groupBy((_k, v) => ({ key: v, value: v }), str)
      .count()
      .toStream()
      .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic<string, string>('count-test-input', str);
    input.pipeInput('A', 'green', 10);
    input.pipeInput('B', 'green', 9);
    input.pipeInput('A', 'blue', 12);
    input.pipeInput('A', 'blue', 11); // out-of-order record will be ignored
    input.pipeInput('C', 'yellow', 15);
    input.pipeInput('D', 'green', 11);
    const out = driver.createOutputTopic('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    expect(out.readRecordsToList().map((r) => kvt(r.key, r.value, r.timestamp))).toEqual([
      kvt('green', 1, 10),
      kvt('green', 2, 10),
      kvt('green', 1, 12),
      kvt('blue', 1, 12),
      kvt('yellow', 1, 15),
      kvt('green', 2, 12),
    ]);
    driver.close();
  });
});

describe('SuppressTopologyTest (versioned)', () => {
  const suppressed = Suppressed.untilTimeLimit(0, BufferConfig.unbounded());
  it('shouldThrowOnSuppressForMaterializedVersionedTable', () => {
    const table = new StreamsBuilder().table('input', {
      storeName: 'store',
      versioned: { historyRetentionMs: 0 },
    });
    expect(() => table.suppress(suppressed)).toThrow(TopologyError);
  });
  it('shouldThrowOnSuppressForNonMaterializedVersionedTable (versioning inherited through filter)', () => {
    const table = new StreamsBuilder()
      .table('input', { storeName: 'store', versioned: { historyRetentionMs: 0 } })
      .filter(() => true);
    expect(() => table.suppress(suppressed)).toThrow(/non-versioned KTables/);
  });
});

describe('versioned table source (KTableSource with a versioned store)', () => {
  it('keeps the latest value against out-of-order updates, forwards them, and drops expired ones', () => {
    const builder = new StreamsBuilder();
    const table = builder.table<string, string>('t', {
      ...str,
      storeName: 'vt',
      versioned: { historyRetentionMs: 10 },
    });
    table.toStream().to('changes', str);
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic<string, string>('t', str);
    const out = driver.createOutputTopic('changes', str);
    input.pipeInput('k', 'v20', 20);
    input.pipeInput('k', 'v15', 15); // out of order, within the history retention
    input.pipeInput('k', 'v5', 5); // older than stream time − history retention: dropped
    input.pipeInput('k', 'v30', 30);
    // Like KTableSource in Kafka, the out-of-order update is forwarded (toStream sees it); the expired one is not.
    expect(out.readRecordsToList().map((r) => kvt(r.key, r.value, r.timestamp))).toEqual([
      kvt('k', 'v20', 20),
      kvt('k', 'v15', 15),
      kvt('k', 'v30', 30),
    ]);
    const store = driver.getStateStore('vt') as unknown as VersionedKeyValueStore<string, string>;
    expect(store.get('k')).toEqual({ value: 'v30', timestamp: 30 });
    expect(store.get('k', 25)).toEqual({ value: 'v20', timestamp: 20, validTo: 30 });
    expect(store.get('k', 17)).toBeNull(); // past the history retention (stream time 30 − 10)
    driver.close();
  });

  it('rejects the versioned option on global tables, as Kafka does', () => {
    expect(() => new StreamsBuilder().globalTable('g', versioned)).toThrow(/KTables only/);
  });
});
