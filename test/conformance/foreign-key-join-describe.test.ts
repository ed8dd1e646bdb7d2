// describe() output of foreign-key joins, ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/KStreamImplTest.java
// (shouldSupportForeignKeyTableTableJoinWithKTableFromKStream).
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TopologyTestDriver } from '../../runtime/src/index.js';
import { latestByKey } from './support.js';

const consumed = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const extractor = (value: string): string => value.split('|')[1] as string;
const joiner = (l: string, r: string | null): string => `(${l},${String(r)})`;

function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n\n`;
}

describe('foreign-key join describe()', () => {
  it('shouldSupportForeignKeyTableTableJoinWithKTableFromKStream', () => {
    const builder = new StreamsBuilder();
    const leftTable = builder.stream('input1', consumed).toTable();
    const rightTable = builder.stream('input2', consumed).toTable();
    leftTable.join(rightTable, extractor, joiner).toStream().to('output', consumed);
    const topology = builder.build();
    expect(topology.describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KTABLE-SOURCE-0000000016 (topics: [KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input1])',
        '      --> KSTREAM-TOTABLE-0000000001',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017 (stores: [KSTREAM-TOTABLE-STATE-STORE-0000000002])',
        '      --> KTABLE-FK-JOIN-OUTPUT-0000000018',
        '      <-- KTABLE-SOURCE-0000000016',
        '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [KSTREAM-TOTABLE-STATE-STORE-0000000002])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KTABLE-FK-JOIN-OUTPUT-0000000018 (stores: [])',
        '      --> KTABLE-TOSTREAM-0000000020',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007 (stores: [])',
        '      --> KTABLE-SINK-0000000008',
        '      <-- KSTREAM-TOTABLE-0000000001',
        '    Processor: KTABLE-TOSTREAM-0000000020 (stores: [])',
        '      --> KSTREAM-SINK-0000000021',
        '      <-- KTABLE-FK-JOIN-OUTPUT-0000000018',
        '    Sink: KSTREAM-SINK-0000000021 (topic: output)',
        '      <-- KTABLE-TOSTREAM-0000000020',
        '    Sink: KTABLE-SINK-0000000008 (topic: KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic)',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007',
        '',
        '  Sub-topology: 1',
        '    Source: KSTREAM-SOURCE-0000000003 (topics: [input2])',
        '      --> KSTREAM-TOTABLE-0000000004',
        '    Source: KTABLE-SOURCE-0000000009 (topics: [KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011',
        '    Processor: KSTREAM-TOTABLE-0000000004 (stores: [KSTREAM-TOTABLE-STATE-STORE-0000000005])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013',
        '      <-- KSTREAM-SOURCE-0000000003',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
        '      --> KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012',
        '      <-- KTABLE-SOURCE-0000000009',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012 (stores: [KSTREAM-TOTABLE-STATE-STORE-0000000005])',
        '      --> KTABLE-SINK-0000000015',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011',
        '    Processor: KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
        '      --> KTABLE-SINK-0000000015',
        '      <-- KSTREAM-TOTABLE-0000000004',
        '    Sink: KTABLE-SINK-0000000015 (topic: KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic)',
        '      <-- KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012, KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013',
      ),
    );

    const driver = new TopologyTestDriver(topology);
    const left = driver.createInputTopic('input1', consumed);
    const right = driver.createInputTopic('input2', consumed);
    const out = driver.createOutputTopic('output', consumed);
    // Pre-populate the RHS records; the test is about adding and removing LHS records.
    right.pipeInput('rhs1', 'rhsValue1');
    right.pipeInput('rhs2', 'rhsValue2');
    right.pipeInput('rhs3', 'rhsValue3'); // this unreferenced FK won't show up in any results
    expect(latestByKey(out)).toEqual(new Map());
    left.pipeInput('lhs1', 'lhsValue1|rhs1');
    left.pipeInput('lhs2', 'lhsValue2|rhs2');
    expect(latestByKey(out)).toEqual(
      new Map([
        ['lhs1', '(lhsValue1|rhs1,rhsValue1)'],
        ['lhs2', '(lhsValue2|rhs2,rhsValue2)'],
      ]),
    );
    // Add another reference to an existing FK.
    left.pipeInput('lhs3', 'lhsValue3|rhs1');
    expect(latestByKey(out)).toEqual(new Map([['lhs3', '(lhsValue3|rhs1,rhsValue1)']]));
    left.pipeInput('lhs1', null);
    expect(latestByKey(out)).toEqual(new Map([['lhs1', null]]));
    driver.close();
  });
});
