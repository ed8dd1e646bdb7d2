// describe() expectations ported from Apache Kafka:
//   streams/src/test/java/org/apache/kafka/streams/TopologyTest.java (…ShouldPreserveTopologyStructure tests)
//   docs/streams/developer-guide/dsl-topology-naming.html (named and unnamed examples)
//   streams/examples/.../wordcount/WordCountDemo.java (topology printed by its describe())
import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { StreamsBuilder } from './streams-builder.js';

function lines(...parts: string[]): string {
  return parts.join('\n');
}

describe('Topology#describe matches Kafka Streams', () => {
  it('kGroupedStreamZeroArgCountShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.stream('input-topic').groupByKey().count();
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])',
        '      --> KSTREAM-AGGREGATE-0000000002',
        '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])',
        '      --> none',
        '      <-- KSTREAM-SOURCE-0000000000',
        '',
        '',
      ),
    );
  });

  it('kGroupedStreamNamedMaterializedCountShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.stream('input-topic').groupByKey().count({ storeName: 'count-store' });
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])',
        '      --> KSTREAM-AGGREGATE-0000000001',
        '    Processor: KSTREAM-AGGREGATE-0000000001 (stores: [count-store])',
        '      --> none',
        '      <-- KSTREAM-SOURCE-0000000000',
        '',
        '',
      ),
    );
  });

  it('kGroupedStreamAnonymousMaterializedCountShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.stream('input-topic').groupByKey().count({ valueSerde: Serdes.long() });
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])',
        '      --> KSTREAM-AGGREGATE-0000000003',
        '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])',
        '      --> none',
        '      <-- KSTREAM-SOURCE-0000000000',
        '',
        '',
      ),
    );
  });

  const tableCount = (storeName: string, select: string, sink: string, source: string, agg: string): string =>
    lines(
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])',
      '      --> KTABLE-SOURCE-0000000002',
      '    Processor: KTABLE-SOURCE-0000000002 (stores: [input-topic-STATE-STORE-0000000000])',
      `      --> ${select}`,
      '      <-- KSTREAM-SOURCE-0000000001',
      `    Processor: ${select} (stores: [])`,
      `      --> ${sink}`,
      '      <-- KTABLE-SOURCE-0000000002',
      `    Sink: ${sink} (topic: ${storeName}-repartition)`,
      `      <-- ${select}`,
      '',
      '  Sub-topology: 1',
      `    Source: ${source} (topics: [${storeName}-repartition])`,
      `      --> ${agg}`,
      `    Processor: ${agg} (stores: [${storeName}])`,
      '      --> none',
      `      <-- ${source}`,
      '',
      '',
    );

  it('tableZeroArgCountShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic')
      .groupBy(() => ({ key: null, value: null }))
      .count();
    expect(b.build().describe().toString()).toBe(
      tableCount(
        'KTABLE-AGGREGATE-STATE-STORE-0000000004',
        'KTABLE-SELECT-0000000003',
        'KSTREAM-SINK-0000000005',
        'KSTREAM-SOURCE-0000000006',
        'KTABLE-AGGREGATE-0000000007',
      ),
    );
  });

  it('tableNamedMaterializedCountShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic')
      .groupBy(() => ({ key: null, value: null }))
      .count({ storeName: 'count-store' });
    expect(b.build().describe().toString()).toBe(
      tableCount(
        'count-store',
        'KTABLE-SELECT-0000000003',
        'KSTREAM-SINK-0000000004',
        'KSTREAM-SOURCE-0000000005',
        'KTABLE-AGGREGATE-0000000006',
      ),
    );
  });

  const tableOp = (op: string, stores: string): string =>
    lines(
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])',
      '      --> KTABLE-SOURCE-0000000002',
      '    Processor: KTABLE-SOURCE-0000000002 (stores: [])',
      `      --> ${op}`,
      '      <-- KSTREAM-SOURCE-0000000001',
      `    Processor: ${op} (stores: [${stores}])`,
      '      --> none',
      '      <-- KTABLE-SOURCE-0000000002',
      '',
      '',
    );

  it('kTableNonMaterializedMapValuesShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').mapValues(() => null);
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-MAPVALUES-0000000003', ''));
  });

  it('kTableAnonymousMaterializedMapValuesShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').mapValues(() => null, { logging: false });
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-MAPVALUES-0000000004', ''));
  });

  it('kTableNamedMaterializedMapValuesShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').mapValues(() => null, { storeName: 'store-name' });
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-MAPVALUES-0000000003', 'store-name'));
  });

  it('kTableNonMaterializedFilterShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').filter(() => false);
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-FILTER-0000000003', ''));
  });

  it('kTableAnonymousMaterializedFilterShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').filter(() => false, { keySerde: undefined, logging: true });
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-FILTER-0000000004', ''));
  });

  it('kTableNamedMaterializedFilterShouldPreserveTopologyStructure', () => {
    const b = new StreamsBuilder();
    b.table('input-topic').filter(() => false, { storeName: 'store-name' });
    expect(b.build().describe().toString()).toBe(tableOp('KTABLE-FILTER-0000000003', 'store-name'));
  });

  it('names every node with generated names (dsl-topology-naming.html)', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input')
      .filter((_k, v) => v !== 'invalid_txn')
      .mapValues((v) => v.substring(0, 5))
      .to('output');
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])',
        '      --> KSTREAM-FILTER-0000000001',
        '    Processor: KSTREAM-FILTER-0000000001 (stores: [])',
        '      --> KSTREAM-MAPVALUES-0000000002',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])',
        '      --> KSTREAM-SINK-0000000003',
        '      <-- KSTREAM-FILTER-0000000001',
        '    Sink: KSTREAM-SINK-0000000003 (topic: output)',
        '      <-- KSTREAM-MAPVALUES-0000000002',
        '',
        '',
      ),
    );
  });

  it('uses the given names (dsl-topology-naming.html)', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', { name: 'Customer_transactions_input_topic' })
      .filter((_k, v) => v !== 'invalid_txn', { name: 'filter_out_invalid_txns' })
      .mapValues((v) => v.substring(0, 5), { name: 'Map_values_to_first_6_characters' })
      .to('output', { name: 'Mapped_transactions_output_topic' });
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: Customer_transactions_input_topic (topics: [input])',
        '      --> filter_out_invalid_txns',
        '    Processor: filter_out_invalid_txns (stores: [])',
        '      --> Map_values_to_first_6_characters',
        '      <-- Customer_transactions_input_topic',
        '    Processor: Map_values_to_first_6_characters (stores: [])',
        '      --> Mapped_transactions_output_topic',
        '      <-- filter_out_invalid_txns',
        '    Sink: Mapped_transactions_output_topic (topic: output)',
        '      <-- Map_values_to_first_6_characters',
        '',
        '',
      ),
    );
  });

  it('WordCountDemo: unnamed count repartitions through a generated topic', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('streams-plaintext-input')
      .flatMapValues((v) => v.toLowerCase().split(/\W+/))
      .groupBy((_k, word) => word)
      .count()
      .toStream()
      .to('streams-wordcount-output', { valueSerde: Serdes.long() });
    expect(b.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [streams-plaintext-input])',
        '      --> KSTREAM-FLATMAPVALUES-0000000001',
        '    Processor: KSTREAM-FLATMAPVALUES-0000000001 (stores: [])',
        '      --> KSTREAM-KEY-SELECT-0000000002',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-KEY-SELECT-0000000002 (stores: [])',
        '      --> KSTREAM-FILTER-0000000006',
        '      <-- KSTREAM-FLATMAPVALUES-0000000001',
        '    Processor: KSTREAM-FILTER-0000000006 (stores: [])',
        '      --> KSTREAM-SINK-0000000005',
        '      <-- KSTREAM-KEY-SELECT-0000000002',
        '    Sink: KSTREAM-SINK-0000000005 (topic: KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition)',
        '      <-- KSTREAM-FILTER-0000000006',
        '',
        '  Sub-topology: 1',
        '    Source: KSTREAM-SOURCE-0000000007 (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition])',
        '      --> KSTREAM-AGGREGATE-0000000004',
        '    Processor: KSTREAM-AGGREGATE-0000000004 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000003])',
        '      --> KTABLE-TOSTREAM-0000000008',
        '      <-- KSTREAM-SOURCE-0000000007',
        '    Processor: KTABLE-TOSTREAM-0000000008 (stores: [])',
        '      --> KSTREAM-SINK-0000000009',
        '      <-- KSTREAM-AGGREGATE-0000000004',
        '    Sink: KSTREAM-SINK-0000000009 (topic: streams-wordcount-output)',
        '      <-- KTABLE-TOSTREAM-0000000008',
        '',
        '',
      ),
    );
  });
});
