// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamWindowAggregateTest.java (emit-on-window-update strategy, caching disabled).
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TimeWindows, TopologyTestDriver } from '../../runtime/src/index.js';
import { kvt, nodeMetrics, readAll, windowedToTopic } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

describe('KStreamWindowAggregateTest', () => {
  it('testAggBasic: hopping windows (size 10, advance 5, grace 100) including out-of-order records', () => {
    const builder = new StreamsBuilder();
    const table = builder
      .stream<string, string>('topic1', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
      .aggregate(
        () => '0',
        (_k, v, agg) => `${agg}+${v}`,
        { storeName: 'topic1-Canonized', valueSerde: Serdes.string() },
      );
    windowedToTopic(table, 'out');
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('topic1', strings);
    const records: [string, string, number][] = [
      ['A', '1', 0],
      ['B', '2', 1],
      ['C', '3', 2],
      ['D', '4', 3],
      ['A', '1', 4],
      ['A', '1', 5],
      ['B', '2', 6],
      ['D', '4', 7],
      ['B', '2', 8],
      ['C', '3', 9],
      ['A', '1', 10],
      ['B', '2', 11],
      ['D', '4', 12],
      ['B', '2', 13],
      ['C', '3', 14],
      ['B', '1', 3],
      ['B', '2', 2],
      ['B', '3', 9],
    ];
    for (const [k, v, ts] of records) input.pipeInput(k, v, ts);

    expect(readAll(driver, 'out')).toEqual([
      kvt('[A@0/10]', '0+1', 0),
      kvt('[B@0/10]', '0+2', 1),
      kvt('[C@0/10]', '0+3', 2),
      kvt('[D@0/10]', '0+4', 3),
      kvt('[A@0/10]', '0+1+1', 4),
      kvt('[A@0/10]', '0+1+1+1', 5),
      kvt('[A@5/15]', '0+1', 5),
      kvt('[B@0/10]', '0+2+2', 6),
      kvt('[B@5/15]', '0+2', 6),
      kvt('[D@0/10]', '0+4+4', 7),
      kvt('[D@5/15]', '0+4', 7),
      kvt('[B@0/10]', '0+2+2+2', 8),
      kvt('[B@5/15]', '0+2+2', 8),
      kvt('[C@0/10]', '0+3+3', 9),
      kvt('[C@5/15]', '0+3', 9),
      kvt('[A@5/15]', '0+1+1', 10),
      kvt('[A@10/20]', '0+1', 10),
      kvt('[B@5/15]', '0+2+2+2', 11),
      kvt('[B@10/20]', '0+2', 11),
      kvt('[D@5/15]', '0+4+4', 12),
      kvt('[D@10/20]', '0+4', 12),
      kvt('[B@5/15]', '0+2+2+2+2', 13),
      kvt('[B@10/20]', '0+2+2', 13),
      kvt('[C@5/15]', '0+3+3', 14),
      kvt('[C@10/20]', '0+3', 14),
      kvt('[B@0/10]', '0+2+2+2+1', 8),
      kvt('[B@0/10]', '0+2+2+2+1+2', 8),
      kvt('[B@0/10]', '0+2+2+2+1+2+3', 9),
      kvt('[B@5/15]', '0+2+2+2+2+3', 13),
    ]);
  });

  it('shouldLogAndMeterWhenSkippingExpiredWindow: windows closed by stream time are skipped and counted', () => {
    const builder = new StreamsBuilder();
    const table = builder
      .stream<string, string>('topic', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 90).advanceBy(5))
      .aggregate(
        () => '',
        (_k, v, agg) => `${agg}+${v}`,
        { name: 'agg', storeName: 'topic1-Canonicalized', valueSerde: Serdes.string(), logging: false },
      );
    windowedToTopic(table, 'output');
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('topic', strings);
    for (const ts of [100, 0, 1, 2, 3, 4, 5, 6, 105, 106]) input.pipeInput('k', String(ts), ts);

    expect(nodeMetrics(driver, 'agg').lateDrops).toBe(7);
    expect(readAll(driver, 'output')).toEqual([
      kvt('[k@95/105]', '+100', 100),
      kvt('[k@100/110]', '+100', 100),
      kvt('[k@5/15]', '+5', 5),
      kvt('[k@5/15]', '+5+6', 6),
      kvt('[k@100/110]', '+100+105', 105),
      kvt('[k@105/115]', '+105', 105),
      kvt('[k@100/110]', '+100+105+106', 106),
      kvt('[k@105/115]', '+105+106', 106),
    ]);
  });

  it('shouldLogAndMeterWhenSkippingExpiredWindowByGrace: tumbling windows, grace 90', () => {
    const builder = new StreamsBuilder();
    const table = builder
      .stream<string, string>('topic', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 90).advanceBy(10))
      .aggregate(
        () => '',
        (_k, v, agg) => `${agg}+${v}`,
        { name: 'agg', storeName: 'topic1-Canonicalized', valueSerde: Serdes.string(), logging: false },
      );
    windowedToTopic(table, 'output');
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('topic', strings);
    input.pipeInput('k', '100', 200);
    for (const [v, ts] of [
      ['0', 100],
      ['1', 101],
      ['2', 102],
      ['3', 103],
      ['4', 104],
      ['5', 105],
      ['6', 6],
    ] as const) {
      input.pipeInput('k', v, ts);
    }
    expect(nodeMetrics(driver, 'agg').lateDrops).toBe(7);
    expect(readAll(driver, 'output')).toEqual([kvt('[k@200/210]', '+100', 200)]);
  });

  it('shouldLogAndMeterWhenSkippingNullKey: null keys are dropped and counted', () => {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('topic', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
      .aggregate(
        () => '',
        (_k, v, agg) => `${agg}+${v}`,
        { name: 'agg', valueSerde: Serdes.string() },
      );
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('topic', strings).pipeInput(null, '1', 0);
    expect(nodeMetrics(driver, 'agg').droppedRecords).toBe(1);
  });
});
