// EmitStrategy.onWindowClose() (KIP-825), ported from Kafka Streams' streams/src/test/java/org/apache/kafka/
// streams/kstream/internals/: KStreamWindowAggregateTest.java (testAggBasic, shouldNotEmitFinalIfNotProgressEnough,
// shouldEmitWithInterval0 and the first half of shouldEmitFromLastEmitTime, ON_WINDOW_CLOSE without cache),
// TimeWindowedKStreamImplTest.java (shouldCountWindowed, shouldReduceWindowed, shouldAggregateWindowed) and
// KStreamSlidingWindowAggregateTest.java (testAggregateSmallInput). Kafka's TopologyTestDriver sets the internal
// emit interval to 0; so does this runtime always. The processor-level tests drive the processor through a
// TopologyTestDriver here, reading what it forwards with captureProcessed.
import { describe, expect, it } from 'vitest';
import {
  EmitStrategy,
  Serdes,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
  TopologyTestDriver,
  type Change,
  type KTable,
  type Windowed,
} from '../../runtime/src/index.js';
import { captureProcessed, kvt, windowedString } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const STRING_INIT = (): string => '0';
const TOSTRING_ADDER = (_k: string, v: string, agg: string): string => `${agg}+${v}`;

/** Builds an aggregation named 'agg', pipes `input` and returns what the aggregation forwarded, as Kafka's test reads it. */
function forwarded<V>(
  build: (builder: StreamsBuilder) => KTable<Windowed<string>, V>,
  input: [string, string, number][],
): { key: string; value: V | null; timestamp: number }[] {
  const builder = new StreamsBuilder();
  build(builder);
  const topology = builder.build();
  const processed = captureProcessed<Windowed<string>, Change<V>>(topology, 'agg');
  const driver = new TopologyTestDriver(topology);
  const topic = driver.createInputTopic('topic1', strings);
  for (const [k, v, ts] of input) topic.pipeInput(k, v, ts);
  return processed().map((r) => {
    // ON_WINDOW_CLOSE never sends an old value.
    expect(r.value.oldValue).toBeNull();
    return kvt(windowedString(r.key), r.value.newValue, r.timestamp);
  });
}

const hopping10by5grace5 = (b: StreamsBuilder): KTable<Windowed<string>, string> =>
  b
    .stream<string, string>('topic1', strings)
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeAndGrace(10, 5).advanceBy(5))
    .emitStrategy(EmitStrategy.onWindowClose())
    .aggregate(STRING_INIT, TOSTRING_ADDER, { name: 'agg', valueSerde: Serdes.string() });

describe('KStreamWindowAggregateTest (ON_WINDOW_CLOSE)', () => {
  it('testAggBasic: nothing is emitted while grace (100) keeps every window open', () => {
    const out = forwarded(
      (b) =>
        b
          .stream<string, string>('topic1', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
          .emitStrategy(EmitStrategy.onWindowClose())
          .aggregate(STRING_INIT, TOSTRING_ADDER, {
            name: 'agg',
            storeName: 'topic1-Canonized',
            valueSerde: Serdes.string(),
          }),
      [
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
      ],
    );
    expect(out).toEqual([]);
  });

  it('shouldNotEmitFinalIfNotProgressEnough', () => {
    const builder = new StreamsBuilder();
    hopping10by5grace5(builder);
    const topology = builder.build();
    const processed = captureProcessed<Windowed<string>, Change<string>>(topology, 'agg');
    const driver = new TopologyTestDriver(topology);
    const topic = driver.createInputTopic('topic1', strings);
    const read = (): { key: string; value: string | null; timestamp: number }[] =>
      processed().map((r) => kvt(windowedString(r.key), r.value.newValue, r.timestamp));

    topic.pipeInput('A', '1', 0);
    topic.pipeInput('B', '2', 5);
    topic.pipeInput('C', '3', 15);
    expect(read()).toEqual([kvt('[A@0/10]', '0+1', 0), kvt('[B@0/10]', '0+2', 5)]);
    // None emitted because observed time does not progress.
    topic.pipeInput('D', '4', 15);
    expect(read()).toEqual([]);
    // None emitted because observed time does not progress enough to cover new windows.
    topic.pipeInput('E', '5', 19);
    expect(read()).toEqual([]);
  });

  it('shouldEmitWithInterval0', () => {
    const out = forwarded(hopping10by5grace5, [
      ['A', '1', 0],
      ['A', '1', 5],
      ['B', '2', 10],
      ['C', '3', 15],
      ['D', '4', 20],
    ]);
    expect(out).toEqual([kvt('[A@0/10]', '0+1+1', 5), kvt('[A@5/15]', '0+1', 5), kvt('[B@5/15]', '0+2', 10)]);
  });

  it('shouldEmitFromLastEmitTime (first processor)', () => {
    const out = forwarded(hopping10by5grace5, [
      ['A', '1', 0],
      ['B', '2', 5],
      ['C', '3', 15],
    ]);
    expect(out).toEqual([kvt('[A@0/10]', '0+1', 0), kvt('[B@0/10]', '0+2', 5)]);
  });

  it('a closed window is emitted once, with the largest record timestamp in it; late records change nothing', () => {
    const out = forwarded(hopping10by5grace5, [
      ['A', '1', 0],
      ['A', '2', 8],
      ['A', '3', 3],
      ['A', '4', 16],
      ['A', '5', 4], // late: [0, 10) closed at stream time 15
      ['A', '6', 21],
    ]);
    expect(out).toEqual([kvt('[A@0/10]', '0+1+2+3', 8), kvt('[A@5/15]', '0+2', 8)]);
  });
});

describe('TimeWindowedKStreamImplTest (ON_WINDOW_CLOSE)', () => {
  const processData: [string, string, number][] = [
    ['1', '1', 10],
    ['1', '2', 15],
    ['1', '3', 500],
    ['2', '10', 550],
    ['2', '20', 500],
    ['2', '30', 1000],
  ];
  const windowed = (b: StreamsBuilder) =>
    b
      .stream<string, string>('topic1', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(500))
      .emitStrategy(EmitStrategy.onWindowClose());

  it('shouldCountWindowed', () => {
    expect(forwarded((b) => windowed(b).count({ name: 'agg' }), processData)).toEqual([
      kvt('[1@0/500]', 2, 15),
      kvt('[1@500/1000]', 1, 500),
      kvt('[2@500/1000]', 2, 550),
    ]);
  });

  it('shouldReduceWindowed', () => {
    expect(forwarded((b) => windowed(b).reduce((a, v) => `${a}+${v}`, { name: 'agg' }), processData)).toEqual(
      [kvt('[1@0/500]', '1+2', 15), kvt('[1@500/1000]', '3', 500), kvt('[2@500/1000]', '10+20', 550)],
    );
  });

  it('shouldAggregateWindowed', () => {
    expect(
      forwarded((b) => windowed(b).aggregate(STRING_INIT, TOSTRING_ADDER, { name: 'agg' }), processData),
    ).toEqual([
      kvt('[1@0/500]', '0+1+2', 15),
      kvt('[1@500/1000]', '0+3', 500),
      kvt('[2@500/1000]', '0+10+20', 550),
    ]);
  });
});

describe('KStreamSlidingWindowAggregateTest (ON_WINDOW_CLOSE)', () => {
  it('testAggregateSmallInput', () => {
    const out = forwarded(
      (b) =>
        b
          .stream<string, string>('topic1', strings)
          .groupByKey()
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 5))
          .emitStrategy(EmitStrategy.onWindowClose())
          .aggregate(STRING_INIT, TOSTRING_ADDER, { name: 'agg', storeName: 'store-name' }),
      [
        ['A', '1', 10],
        ['A', '2', 10],
        ['A', '3', 14],
        ['A', '4', 15],
        ['A', '5', 20],
        ['A', '6', 22],
        ['A', '7', 30],
      ],
    );
    // Kafka gathers the output per window start (gatherOutput); each closed window appears once.
    const byStart = new Map<number, string[]>();
    for (const r of out) {
      const start = Number(/@(\d+)\//.exec(r.key)![1]);
      byStart.set(start, [...(byStart.get(start) ?? []), `${r.value}@${r.timestamp}`]);
    }
    expect(byStart).toEqual(
      new Map([
        [0, ['0+1+2@10']],
        [4, ['0+1+2+3@14']],
        [5, ['0+1+2+3+4@15']],
        [10, ['0+1+2+3+4+5@20']],
        [11, ['0+3+4+5@20']],
        [12, ['0+3+4+5+6@22']],
      ]),
    );
  });
});
