// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamSlidingWindowAggregateTest.java (emit-on-window-update strategy): results are gathered per window start
// as sets of value@timestamp, exactly as that test's gatherOutput does.
import { describe, expect, it } from 'vitest';
import { Serdes, SlidingWindows, StreamsBuilder, TopologyTestDriver } from '../../runtime/src/index.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

function gatherOutput(windows: SlidingWindows, input: [string, number][]): Map<number, Set<string>> {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>('topic', strings)
    .groupByKey()
    .windowedBy(windows)
    .aggregate(
      () => '0',
      (_k, v, agg) => `${agg}+${v}`, // MockInitializer.STRING_INIT, MockAggregator.TOSTRING_ADDER
      { valueSerde: Serdes.string() },
    )
    .toStream()
    .map((k, v) => ({ key: String(k.window.start), value: v }))
    .to('out', strings);
  const driver = new TopologyTestDriver(builder.build());
  const topic = driver.createInputTopic('topic', strings);
  for (const [value, ts] of input) topic.pipeInput('A', value, ts);
  const actual = new Map<number, Set<string>>();
  for (const r of driver.createOutputTopic('out', strings).readRecordsToList()) {
    const start = Number(r.key);
    const set = actual.get(start) ?? new Set<string>();
    set.add(`${String(r.value)}@${r.timestamp}`);
    actual.set(start, set);
  }
  return actual;
}

function expected(entries: [number, string[]][]): Map<number, Set<string>> {
  return new Map(entries.map(([start, values]) => [start, new Set(values)]));
}

describe('KStreamSlidingWindowAggregateTest', () => {
  it('testAggregateSmallInput', () => {
    const actual = gatherOutput(SlidingWindows.ofTimeDifferenceAndGrace(10, 5), [
      ['1', 10],
      ['2', 10],
      ['3', 14],
      ['4', 15],
      ['5', 20],
      ['6', 22],
      ['7', 30],
    ]);
    expect(actual).toEqual(
      expected([
        [0, ['0+1@10', '0+1+2@10']],
        [4, ['0+1+2+3@14']],
        [5, ['0+1+2+3+4@15']],
        [10, ['0+1+2+3+4+5@20']],
        [11, ['0+3@14', '0+3+4@15', '0+3+4+5@20']],
        [12, ['0+3+4+5+6@22']],
        [15, ['0+4@15', '0+4+5@20', '0+4+5+6@22']],
        [16, ['0+5@20', '0+5+6@22']],
        [20, ['0+5+6+7@30']],
        [21, ['0+6@22', '0+6+7@30']],
        [23, ['0+7@30']],
      ]),
    );
  });

  it('testEarlyRecordsSmallInput: records earlier than the time difference share the [0, d] window', () => {
    const actual = gatherOutput(SlidingWindows.ofTimeDifferenceAndGrace(50, 0), [
      ['1', 0],
      ['2', 5],
      ['3', 6],
      ['4', 3],
      ['5', 13],
      ['6', 10],
      ['7', 70],
    ]);
    expect(actual).toEqual(
      expected([
        [0, ['0+1@0', '0+1+2@5', '0+1+2+3@6', '0+1+2+3+4@6', '0+1+2+3+4+5@13', '0+1+2+3+4+5+6@13']],
        [1, ['0+2@5', '0+2+3@6', '0+2+3+4@6', '0+2+3+4+5@13', '0+2+3+4+5+6@13']],
        [4, ['0+2+3@6', '0+2+3+5@13', '0+2+3+5+6@13']],
        [6, ['0+3@6', '0+3+5@13', '0+3+5+6@13']],
        [7, ['0+5@13', '0+5+6@13']],
        [11, ['0+5@13']],
        [20, ['0+7@70']],
      ]),
    );
  });
});
