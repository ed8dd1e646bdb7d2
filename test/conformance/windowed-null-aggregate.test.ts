// A windowed aggregation whose result becomes null: Kafka's KStreamWindowAggregate, KStreamSlidingWindowAggregate
// and KStreamSessionWindowAggregate store ValueAndTimestamp.make(null, t), which is null, so the window is deleted,
// and forward Change(null, …), a tombstone for the window. Kafka's test files have no case for it; the scenario is
// the one the side-by-side run against Kafka's TopologyTestDriver found (issue 14), written in the shape of
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/KStreamWindowAggregateTest.java.
import { describe, expect, it } from 'vitest';
import {
  Serdes,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
  TopologyTestDriver,
  type KTable,
  type Serde,
  type Windowed,
} from '../../runtime/src/index.js';
import { kvt, windowedString } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

function results<V>(
  build: (builder: StreamsBuilder) => KTable<Windowed<string>, V>,
  valueSerde: Serde<V>,
  input: [string, string | null, number][],
): ReturnType<typeof kvt<string, V | null>>[] {
  const builder = new StreamsBuilder();
  build(builder)
    .toStream()
    .map((key, value) => ({ key: windowedString(key), value }))
    .to('out', { keySerde: Serdes.string(), valueSerde });
  const driver = new TopologyTestDriver(builder.build());
  const topic = driver.createInputTopic('in', strings);
  for (const [k, v, ts] of input) topic.pipeInput(k, v, ts);
  const out = driver.createOutputTopic<string, V>('out', { keySerde: Serdes.string(), valueSerde });
  return out.readRecordsToList().map((r) => kvt(r.key as string, r.value, r.timestamp));
}

describe('windowed aggregations whose result becomes null', () => {
  it('time windows, reduce: a null first value deletes the window and forwards a tombstone', () => {
    const out = results<string>(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(20, 1))
          .reduce((a, v) => a + v, { valueSerde: Serdes.string() }),
      Serdes.string(),
      [
        ['a', null, 0],
        ['a', '1', 5],
        ['a', '2', 6],
      ],
    );
    // The deleted window starts again from the reducer's null initial value.
    expect(out).toEqual([kvt('[a@0/20]', null, 0), kvt('[a@0/20]', '1', 5), kvt('[a@0/20]', '12', 6)]);
  });

  it('time windows, aggregate with a long serde: the tombstone is never serialized', () => {
    const out = results<number>(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(20, 1))
          .aggregate<number | null>(
            () => 0,
            (_k, v, agg) => (v === 'reset' ? null : (agg ?? 0) + 1),
            { valueSerde: Serdes.long() },
          ) as KTable<Windowed<string>, number>,
      Serdes.long(),
      [
        ['a', 'x', 1],
        ['a', 'reset', 2],
        ['a', 'x', 3],
      ],
    );
    expect(out).toEqual([kvt('[a@0/20]', 1, 1), kvt('[a@0/20]', null, 2), kvt('[a@0/20]', 1, 3)]);
  });

  it('sliding windows: a null aggregate deletes the window', () => {
    const out = results<string>(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 100))
          .aggregate<string | null>(
            () => '',
            (_k, v, agg) => (v === 'del' ? null : `${agg ?? ''}+${v}`),
            { valueSerde: Serdes.string() },
          ) as KTable<Windowed<string>, string>,
      Serdes.string(),
      [
        ['a', 'del', 5],
        ['a', '1', 6],
      ],
    );
    expect(out).toEqual([kvt('[a@0/10]', null, 5), kvt('[a@0/10]', '+1', 6)]);
  });

  it('session windows, reduce: a null first value forwards a tombstone for the session', () => {
    const out = results<string>(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SessionWindows.ofInactivityGapAndGrace(10, 1))
          .reduce((a, v) => a + v, { valueSerde: Serdes.string() }),
      Serdes.string(),
      [
        ['a', null, 0],
        ['a', '1', 5],
      ],
    );
    // The null session was deleted, so the second record starts a session of its own.
    expect(out).toEqual([kvt('[a@0/0]', null, 0), kvt('[a@5/5]', '1', 5)]);
  });
});
