// Windowed aggregations end to end through the DSL and the TopologyTestDriver.
import { describe, expect, it } from 'vitest';
import { StreamsBuilder } from '../../dsl/streams-builder.js';
import type { KTable } from '../../dsl/ktable.js';
import { Serdes } from '../../serdes/serdes.js';
import { TopologyTestDriver } from '../../test-driver/topology-test-driver.js';
import { SessionWindows } from '../session-windows.js';
import { SlidingWindows } from '../sliding-windows.js';
import { TimeWindows } from '../time-windows.js';
import type { Windowed } from '../window.js';
import type { ReadOnlyWindowStore, WindowStore } from '../window-store.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

type Row<V> = { key: string; value: V | null; timestamp: number };

function run<V>(
  build: (b: StreamsBuilder) => KTable<Windowed<string>, V>,
  input: [string | null, string | null, number][],
): { rows: Row<V>[]; driver: TopologyTestDriver } {
  const builder = new StreamsBuilder();
  build(builder)
    .toStream()
    .map((k, v) => ({ key: `${k.key}@${k.window.start}/${k.window.end}`, value: v }))
    .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.json<V>() });
  const driver = new TopologyTestDriver(builder.build());
  const topic = driver.createInputTopic('in', strings);
  for (const [k, v, ts] of input) topic.pipeInput(k, v, ts);
  const rows = driver
    .createOutputTopic('out', { keySerde: Serdes.string(), valueSerde: Serdes.json<V>() })
    .readRecordsToList()
    .map((r) => ({ key: r.key ?? '', value: r.value, timestamp: r.timestamp }));
  return { rows, driver };
}

const lateDrops = (driver: TopologyTestDriver, node: string): number =>
  driver.nodeMetrics().find((m) => m.nodeName === node)?.lateDrops ?? -1;

describe('tumbling and hopping windows', () => {
  it('count, reduce and aggregate per window, stamped with the latest record time', () => {
    const input: [string, string, number][] = [
      ['a', '1', 3],
      ['a', '2', 1],
      ['a', '3', 12],
    ];
    const count = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 50))
          .count(),
      input,
    );
    expect(count.rows).toEqual([
      { key: 'a@0/10', value: 1, timestamp: 3 },
      { key: 'a@0/10', value: 2, timestamp: 3 },
      { key: 'a@10/20', value: 1, timestamp: 12 },
    ]);
    const reduce = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 50))
          .reduce((agg, v) => agg + v, { valueSerde: Serdes.string() }),
      input,
    );
    expect(reduce.rows.map((r) => r.value)).toEqual(['1', '12', '3']);
  });

  it('accepts a record up to window end + grace and drops it after (grace boundary)', () => {
    const build = (b: StreamsBuilder) =>
      b
        .stream<string, string>('in', strings)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
        .count({ name: 'counter' });
    // stream time 14: window [0,10) closes at 15, so a record at 9 still counts
    const open = run(build, [
      ['a', 'x', 14],
      ['a', 'x', 9],
    ]);
    expect(open.rows.at(-1)).toEqual({ key: 'a@0/10', value: 1, timestamp: 9 });
    expect(lateDrops(open.driver, 'counter')).toBe(0);
    // stream time 15 = end + grace: the window is closed
    const closed = run(build, [
      ['a', 'x', 15],
      ['a', 'x', 9],
    ]);
    expect(closed.rows.map((r) => r.key)).toEqual(['a@10/20']);
    expect(lateDrops(closed.driver, 'counter')).toBe(1);
  });

  it('stream time only moves forward: an old record does not reopen windows', () => {
    const { rows } = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5))
          .count(),
      [
        ['a', 'x', 20],
        ['b', 'x', 3],
        ['b', 'x', 16],
      ],
    );
    // At stream time 20 (no grace) every window ending at or before 20 is closed: b@3 loses its only window
    // [0,10), and b@16 keeps [15,25) but not [10,20).
    expect(rows.map((r) => r.key)).toEqual(['a@15/25', 'a@20/30', 'b@15/25']);
  });
});

describe('session windows', () => {
  it('merges sessions bridged by a record, retracting the merged ones with tombstones', () => {
    const { rows } = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 100))
          .aggregate(
            () => '',
            (_k, v, agg) => agg + v,
            (_k, left, right) => left + right,
            { valueSerde: Serdes.string() },
          ),
      [
        ['a', 'x', 0],
        ['a', 'y', 10],
        ['a', 'z', 5],
      ],
    );
    expect(rows).toEqual([
      { key: 'a@0/0', value: 'x', timestamp: 0 },
      { key: 'a@10/10', value: 'y', timestamp: 10 },
      { key: 'a@0/0', value: null, timestamp: 0 },
      { key: 'a@10/10', value: null, timestamp: 10 },
      { key: 'a@0/10', value: 'xyz', timestamp: 10 },
    ]);
  });

  it('reduce folds merged sessions with the reducer', () => {
    const { rows } = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
          .reduce((a, v) => `${a}|${v}`, { valueSerde: Serdes.string() }),
      [
        ['a', '1', 0],
        ['a', '2', 3],
      ],
    );
    expect(rows.at(-1)).toEqual({ key: 'a@0/3', value: '1|2', timestamp: 3 });
  });

  it('drops records whose session closed (end < stream time − gap − grace) and null keys', () => {
    const { rows, driver } = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
          .count({ name: 'sessions' }),
      [
        ['a', 'x', 20],
        ['a', 'x', 14],
        ['a', 'x', 15],
        [null, 'x', 21],
      ],
    );
    // a@14 would start a session ending at 14 < 20 − 5: late. a@15 is within the gap of a@20 and merges with it.
    expect(rows).toEqual([
      { key: 'a@20/20', value: 1, timestamp: 20 },
      { key: 'a@20/20', value: null, timestamp: 20 },
      { key: 'a@15/20', value: 2, timestamp: 20 },
    ]);
    expect(lateDrops(driver, 'sessions')).toBe(1);
    expect(driver.nodeMetrics().find((m) => m.nodeName === 'sessions')?.droppedRecords).toBe(1);
  });
});

describe('sliding windows', () => {
  it('creates exactly the windows Kafka defines and each holds the records within it (random input)', () => {
    const diff = 10;
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const times = Array.from({ length: 60 }, () => random(200));
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('in', strings)
      .groupByKey()
      .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(diff, 1_000))
      .count({ storeName: 'sliding' });
    const driver = new TopologyTestDriver(builder.build());
    const topic = driver.createInputTopic('in', strings);
    for (const t of times) topic.pipeInput('k', 'v', t);

    const store = driver.getWindowStore<ReadOnlyWindowStore<string, number>>('sliding');
    const actual = new Map((store?.all() ?? []).map((e) => [e.key.window.start, e.value]));
    // The timestamped store keeps, per window, the time of its latest record.
    const timestamped =
      driver.getTimestampedWindowStore<WindowStore<string, { value: number; timestamp: number }>>('sliding');
    for (const e of timestamped?.all() ?? []) {
      const inWindow = times.filter((t) => t >= e.key.window.start && t <= e.key.window.end);
      expect(e.value.timestamp).toBe(Math.max(...inWindow));
    }
    // Kafka's definition: every record's left window [t − d, t] (folded into [0, d] for t < d), plus its right
    // window [t + 1, t + 1 + d] whenever a later record falls in it.
    const expected = new Map<number, number>();
    const countIn = (start: number): number => times.filter((t) => t >= start && t <= start + diff).length;
    for (const t of times) {
      const leftStart = Math.max(0, t - diff);
      expected.set(leftStart, countIn(leftStart));
      if (times.some((o) => o > t && o <= t + 1 + diff)) expected.set(t + 1, countIn(t + 1));
    }
    expect(new Map([...actual].sort((a, b) => a[0] - b[0]))).toEqual(
      new Map([...expected].sort((a, b) => a[0] - b[0])),
    );
  });

  it('drops a record whose windows have all closed', () => {
    const { driver } = run(
      (b) =>
        b
          .stream<string, string>('in', strings)
          .groupByKey()
          .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(5))
          .count({ name: 'slide' }),
      [
        ['a', 'x', 100],
        ['a', 'x', 90],
      ],
    );
    expect(lateDrops(driver, 'slide')).toBe(1);
  });
});

describe('windowed tables in joins', () => {
  it('look up the other side by Windowed key (window store value getter)', () => {
    const builder = new StreamsBuilder();
    const counts = (topic: string) =>
      builder
        .stream<string, string>(topic, strings)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .count();
    counts('a')
      .join(counts('b'), (x, y) => `${x}/${y}`)
      .toStream()
      .map((k, v) => ({ key: `${k.key}@${k.window.start}`, value: v }))
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    const a = driver.createInputTopic('a', strings);
    const b = driver.createInputTopic('b', strings);
    a.pipeInput('k', 'x', 1);
    b.pipeInput('k', 'x', 2);
    a.pipeInput('k', 'x', 3);
    b.pipeInput('k', 'x', 12); // another window: nothing to join yet
    expect(driver.createOutputTopic('out', strings).readKeyValuesToList()).toEqual([
      { key: 'k@0', value: '1/1' },
      { key: 'k@0', value: '2/1' },
    ]);
  });
});
