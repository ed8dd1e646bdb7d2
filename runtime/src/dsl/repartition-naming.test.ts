// Ported from Kafka's streams/src/test/java/org/apache/kafka/streams/kstream/RepartitionTopicNamingTest.java
// (the cases without windows, joins or optimization).
import { describe, expect, it } from 'vitest';
import { TopologyError } from '../topology/internal-topology-builder.js';
import { StreamsBuilder } from './streams-builder.js';

const repartitionTopics = (text: string): number => text.match(/Sink: .*-repartition\)/g)?.length ?? 0;

describe('repartition topic naming', () => {
  it('shouldFailWithSameRepartitionTopicName', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('topic')
      .selectKey((k) => k)
      .groupByKey({ name: 'grouping' })
      .count()
      .toStream();
    expect(() =>
      b
        .stream<string, string>('topicII')
        .selectKey((k) => k)
        .groupByKey({ name: 'grouping' })
        .count(),
    ).toThrow(TopologyError);
  });

  it('shouldNotFailWithSameRepartitionTopicNameUsingSameKGroupedTable', () => {
    const b = new StreamsBuilder();
    const grouped = b
      .table<string, string>('topic')
      .groupBy((key, value) => ({ key, value }), { name: 'grouping' });
    grouped.count().toStream().to('output-count');
    grouped
      .reduce(
        (_v, v2) => v2,
        (_v, v2) => v2,
      )
      .toStream()
      .to('output-reduce');
    const text = b.build().describe().toString();
    expect(repartitionTopics(text)).toBe(1);
    expect(text).toContain('grouping-repartition');
  });

  it('shouldNotReuseRepartitionNodeWithUnnamedRepartitionTopicsKGroupedTable', () => {
    const b = new StreamsBuilder();
    const grouped = b.table<string, string>('topic').groupBy((key, value) => ({ key, value }));
    grouped.count().toStream().to('output-count');
    grouped
      .reduce(
        (_v, v2) => v2,
        (_v, v2) => v2,
      )
      .toStream()
      .to('output-reduce');
    expect(repartitionTopics(b.build().describe().toString())).toBe(2);
  });

  for (const groupByKey of [true, false]) {
    for (const otherOperations of [false, true]) {
      it(`shouldKeepRepartitionTopicNameFor${groupByKey ? 'GroupByKey' : 'GroupBy'}NoWindows (other operations: ${otherOperations})`, () => {
        const b = new StreamsBuilder();
        let s = b.stream<string, string>('topic').selectKey((k, v) => k + v);
        if (otherOperations) s = s.filter(() => true).mapValues((v) => v);
        const grouped = groupByKey
          ? s.groupByKey({ name: 'kstream-grouping' })
          : s.groupBy((k) => k, { name: 'kstream-grouping' });
        grouped.count();
        expect(b.build().describe().toString()).toContain('(topic: kstream-grouping-repartition)');
      });
    }
  }

  for (const otherOperations of [false, true]) {
    it(`shouldKeepRepartitionNameForGroupByKTable (other operations: ${otherOperations})`, () => {
      const b = new StreamsBuilder();
      let table = b.table<string, string>('topic');
      if (otherOperations) table = table.filter(() => true);
      table.groupBy((key, value) => ({ key, value }), { name: 'ktable-group-by' }).count();
      expect(b.build().describe().toString()).toContain('(topic: ktable-group-by-repartition)');
    });
  }
});
