// describe() expectations ported from Kafka's
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/CogroupedKStreamImplTest.java
import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import { StreamsBuilder } from './streams-builder.js';

const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const append = (_k: string, v: string, agg: string): string => agg + v;

describe('KGroupedStream#cogroup', () => {
  it('shouldNameProcessorsAndStoreBasedOnNamedParameter', () => {
    const b = new StreamsBuilder();
    const one = b.stream<string, string>('one', str).groupByKey();
    const two = b.stream<string, string>('two', str).groupByKey();
    one
      .cogroup(append)
      .cogroup(two, append)
      .aggregate(() => '', { name: 'test', storeName: 'store' })
      .toStream()
      .to('output');
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [one])\n' +
        '      --> test-cogroup-agg-0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [two])\n' +
        '      --> test-cogroup-agg-1\n' +
        '    Processor: test-cogroup-agg-0 (stores: [store])\n' +
        '      --> test-cogroup-merge\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: test-cogroup-agg-1 (stores: [store])\n' +
        '      --> test-cogroup-merge\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: test-cogroup-merge (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000005\n' +
        '      <-- test-cogroup-agg-0, test-cogroup-agg-1\n' +
        '    Processor: KTABLE-TOSTREAM-0000000005 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000006\n' +
        '      <-- test-cogroup-merge\n' +
        '    Sink: KSTREAM-SINK-0000000006 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000005\n\n',
    );
  });

  it('shouldNameRepartitionTopic', () => {
    const b = new StreamsBuilder();
    const streamOne = b.stream<string, string>('one', str);
    const streamTwo = b.stream<string, string>('two', str);
    const one = streamOne.map((k, v) => ({ key: v, value: k })).groupByKey({ name: 'repartition-test' });
    const two = streamTwo.groupByKey();
    one
      .cogroup(append)
      .cogroup(two, append)
      .aggregate(() => '')
      .toStream()
      .to('output');
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [one])\n' +
        '      --> KSTREAM-MAP-0000000002\n' +
        '    Processor: KSTREAM-MAP-0000000002 (stores: [])\n' +
        '      --> repartition-test-repartition-filter\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: repartition-test-repartition-filter (stores: [])\n' +
        '      --> repartition-test-repartition-sink\n' +
        '      <-- KSTREAM-MAP-0000000002\n' +
        '    Sink: repartition-test-repartition-sink (topic: repartition-test-repartition)\n' +
        '      <-- repartition-test-repartition-filter\n\n' +
        '  Sub-topology: 1\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [two])\n' +
        '      --> COGROUPKSTREAM-AGGREGATE-0000000008\n' +
        '    Source: repartition-test-repartition-source (topics: [repartition-test-repartition])\n' +
        '      --> COGROUPKSTREAM-AGGREGATE-0000000007\n' +
        '    Processor: COGROUPKSTREAM-AGGREGATE-0000000007 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000003])\n' +
        '      --> COGROUPKSTREAM-MERGE-0000000009\n' +
        '      <-- repartition-test-repartition-source\n' +
        '    Processor: COGROUPKSTREAM-AGGREGATE-0000000008 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000003])\n' +
        '      --> COGROUPKSTREAM-MERGE-0000000009\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: COGROUPKSTREAM-MERGE-0000000009 (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000010\n' +
        '      <-- COGROUPKSTREAM-AGGREGATE-0000000007, COGROUPKSTREAM-AGGREGATE-0000000008\n' +
        '    Processor: KTABLE-TOSTREAM-0000000010 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000011\n' +
        '      <-- COGROUPKSTREAM-MERGE-0000000009\n' +
        '    Sink: KSTREAM-SINK-0000000011 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000010\n\n',
    );
  });

  it('aggregates several streams into one store (shouldCogroupAndAggregateSingleKStreams, two inputs)', () => {
    const b = new StreamsBuilder();
    const one = b.stream<string, string>('one', str).groupByKey();
    const two = b.stream<string, string>('two', str).groupByKey();
    one
      .cogroup(append)
      .cogroup(two, (_k, v, agg) => agg + v.toUpperCase())
      .aggregate(() => '', { storeName: 'joined', valueSerde: Serdes.string() })
      .toStream()
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const inOne = driver.createInputTopic('one', str);
    const inTwo = driver.createInputTopic('two', str);
    inOne.pipeInput('k1', 'a', 0);
    inTwo.pipeInput('k1', 'b', 1);
    inOne.pipeInput('k2', 'c', 2);
    inTwo.pipeInput('k1', null, 3);
    expect(driver.createOutputTopic('output', str).readKeyValuesToList()).toEqual([
      { key: 'k1', value: 'a' },
      { key: 'k1', value: 'aB' },
      { key: 'k2', value: 'c' },
    ]);
    expect(driver.getKeyValueStore<string, string>('joined')?.get('k1')).toBe('aB');
  });
});
