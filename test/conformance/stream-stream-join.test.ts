// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamKStreamJoinTest.java, KStreamKStreamLeftJoinTest.java and KStreamKStreamOuterJoinTest.java (current semantics: unmatched records
// are emitted once their window closes; the emit interval is 0 as in those tests' PROPS).
import { describe, expect, it } from 'vitest';
import {
  JoinWindows,
  Serdes,
  StreamsBuilder,
  TopologyTestDriver,
  type KStream,
  type Serde,
} from '../../runtime/src/index.js';
import { kvt } from './support.js';

const left = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const right = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const rightLong = { keySerde: Serdes.long(), valueSerde: Serdes.long() };
// Kafka's MockValueJoiner.TOSTRING_JOINER.
const toStringJoiner = (l: unknown, r: unknown): string => `${String(l)}+${String(r)}`;

function harness<VR>(
  build: (l: KStream<number, string>, r: KStream<number, VR>) => KStream<number, string>,
  rightSerdes: { keySerde: Serde<number>; valueSerde: Serde<VR> },
) {
  const builder = new StreamsBuilder();
  const l = builder.stream<number, string>('topic1', left);
  const r = builder.stream<number, VR>('topic2', rightSerdes);
  build(l, r).to('out', left);
  const driver = new TopologyTestDriver(builder.build());
  const out = driver.createOutputTopic<number, string>('out', left);
  return {
    driver,
    in1: driver.createInputTopic<number, string>('topic1', left),
    in2: driver.createInputTopic<number, VR>('topic2', rightSerdes),
    /** Kafka's checkAndClearProcessResult. */
    results: () => out.readRecordsToList().map((rec) => kvt(rec.key, rec.value, rec.timestamp)),
  };
}

describe('KStreamKStreamJoinTest', () => {
  it('testJoin: every pair of records with the same key within the window joins, duplicates included', () => {
    const t = harness<string>(
      (l, r) => l.join(r, toStringJoiner, JoinWindows.ofTimeDifferenceWithNoGrace(100)),
      right,
    );
    const keys = [0, 1, 2, 3];
    for (const k of keys.slice(0, 2)) t.in1.pipeInput(k, `A${k}`, 0);
    expect(t.results()).toEqual([]);
    for (const k of keys.slice(0, 2)) t.in2.pipeInput(k, `a${k}`, 0);
    expect(t.results()).toEqual([kvt(0, 'A0+a0', 0), kvt(1, 'A1+a1', 0)]);
    for (const k of keys) t.in1.pipeInput(k, `B${k}`, 0);
    expect(t.results()).toEqual([kvt(0, 'B0+a0', 0), kvt(1, 'B1+a1', 0)]);
    for (const k of keys) t.in2.pipeInput(k, `b${k}`, 0);
    expect(t.results()).toEqual([
      kvt(0, 'A0+b0', 0),
      kvt(0, 'B0+b0', 0),
      kvt(1, 'A1+b1', 0),
      kvt(1, 'B1+b1', 0),
      kvt(2, 'B2+b2', 0),
      kvt(3, 'B3+b3', 0),
    ]);
    for (const k of keys) t.in1.pipeInput(k, `C${k}`, 0);
    expect(t.results()).toEqual([
      kvt(0, 'C0+a0', 0),
      kvt(0, 'C0+b0', 0),
      kvt(1, 'C1+a1', 0),
      kvt(1, 'C1+b1', 0),
      kvt(2, 'C2+b2', 0),
      kvt(3, 'C3+b3', 0),
    ]);
    for (const k of keys.slice(0, 2)) t.in2.pipeInput(k, `c${k}`, 0);
    expect(t.results()).toEqual([
      kvt(0, 'A0+c0', 0),
      kvt(0, 'B0+c0', 0),
      kvt(0, 'C0+c0', 0),
      kvt(1, 'A1+c1', 0),
      kvt(1, 'B1+c1', 0),
      kvt(1, 'C1+c1', 0),
    ]);
  });
});

describe('KStreamKStreamLeftJoinTest', () => {
  it('testLeftJoinDuplicates', () => {
    const t = harness<string>(
      (l, r) => l.leftJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceAndGrace(100, 10)),
      right,
    );
    t.in1.pipeInput(0, 'A0', 0);
    t.in1.pipeInput(0, 'A0-0', 0);
    t.in2.pipeInput(1, 'a0', 111);
    t.in2.pipeInput(2, 'dummy', 500);
    expect(t.results()).toEqual([kvt(0, 'A0+null', 0), kvt(0, 'A0-0+null', 0)]);

    t.in1.pipeInput(2, 'A2', 1000);
    t.in1.pipeInput(2, 'A2-0', 1000);
    t.in2.pipeInput(2, 'a2', 1001);
    expect(t.results()).toEqual([kvt(2, 'A2+a2', 1001), kvt(2, 'A2-0+a2', 1001)]);

    t.in2.pipeInput(3, 'a3', 315);
    expect(t.results()).toEqual([]);
  });

  for (const side of ['Left', 'Right'] as const) {
    it(`testLeftExpiredNonJoinedRecordsAreEmittedByThe${side}Processor`, () => {
      const t = harness<string>(
        (l, r) => l.leftJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceAndGrace(100, 0)),
        right,
      );
      t.in1.pipeInput(0, 'A0', 1);
      t.in1.pipeInput(1, 'A1', 2);
      t.in1.pipeInput(0, 'A0-0', 3);
      expect(t.results()).toEqual([]);
      t.in2.pipeInput(1, 'a1', 3);
      expect(t.results()).toEqual([kvt(1, 'A1+a1', 3)]);
      if (side === 'Left') t.in1.pipeInput(2, 'dummy', 401);
      else t.in2.pipeInput(2, 'dummy', 401);
      expect(t.results()).toEqual([kvt(0, 'A0+null', 1), kvt(0, 'A0-0+null', 3)]);
      if (side === 'Left') {
        t.in2.pipeInput(2, 'dummy', 401);
        expect(t.results()).toEqual([kvt(2, 'dummy+dummy', 401)]);
      } else {
        t.in1.pipeInput(2, 'dummy', 402);
        expect(t.results()).toEqual([kvt(2, 'dummy+dummy', 402)]);
      }
    });
  }

  it('testLeftJoinWithDefaultSuppliers (runLeftJoin)', () => {
    const t = harness<string>(
      (l, r) => l.leftJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceWithNoGrace(100)),
      right,
    );
    expect(t.driver.getAllStateStores().size).toBe(3); // 2 window stores + the shared outer store
    const keys = [0, 1, 2, 3];
    for (const k of keys.slice(0, 2)) t.in1.pipeInput(k, `A${k}`, 0);
    expect(t.results()).toEqual([]);
    for (const k of keys.slice(0, 2)) t.in2.pipeInput(k, `a${k}`, 0);
    expect(t.results()).toEqual([kvt(0, 'A0+a0', 0), kvt(1, 'A1+a1', 0)]);
    for (const k of keys.slice(0, 3)) t.in1.pipeInput(k, `B${k}`, 0);
    expect(t.results()).toEqual([kvt(0, 'B0+a0', 0), kvt(1, 'B1+a1', 0)]);
    for (const k of keys) t.in2.pipeInput(k, `b${k}`, 0);
    expect(t.results()).toEqual([
      kvt(0, 'A0+b0', 0),
      kvt(0, 'B0+b0', 0),
      kvt(1, 'A1+b1', 0),
      kvt(1, 'B1+b1', 0),
      kvt(2, 'B2+b2', 0),
    ]);
    for (const k of keys) t.in1.pipeInput(k, `C${k}`, 0);
    expect(t.results()).toEqual([
      kvt(0, 'C0+a0', 0),
      kvt(0, 'C0+b0', 0),
      kvt(1, 'C1+a1', 0),
      kvt(1, 'C1+b1', 0),
      kvt(2, 'C2+b2', 0),
      kvt(3, 'C3+b3', 0),
    ]);
    t.in1.pipeInput(0, 'dummy', 1000);
    expect(t.results()).toEqual([]);
  });

  it('testOrdering: closed-window left results come before the new join result', () => {
    const t = harness<string>(
      (l, r) => l.leftJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceWithNoGrace(100)),
      right,
    );
    t.in1.pipeInput(0, 'A0', 0);
    t.in1.pipeInput(1, 'A1', 100);
    expect(t.results()).toEqual([]);
    t.in2.pipeInput(1, 'a1', 110);
    expect(t.results()).toEqual([kvt(0, 'A0+null', 0), kvt(1, 'A1+a1', 110)]);
  });
});

describe('KStreamKStreamOuterJoinTest', () => {
  it('testOuterJoinDuplicates: right-side unmatched records sort before left ones at equal time', () => {
    const t = harness<number>(
      (l, r) => l.outerJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceAndGrace(100, 10)),
      rightLong,
    );
    t.in1.pipeInput(0, 'A0', 0);
    t.in1.pipeInput(0, 'A0-0', 0);
    t.in2.pipeInput(1, 11, 0);
    t.in2.pipeInput(1, 12, 0);
    t.in2.pipeInput(1, 10, 111);
    t.in2.pipeInput(3, 100, 211);
    expect(t.results()).toEqual([
      kvt(1, 'null+11', 0),
      kvt(1, 'null+12', 0),
      kvt(0, 'A0+null', 0),
      kvt(0, 'A0-0+null', 0),
    ]);
    t.in1.pipeInput(2, 'A2', 200);
    t.in1.pipeInput(2, 'A2-0', 200);
    t.in2.pipeInput(2, 13, 201);
    t.in2.pipeInput(2, 14, 201);
    expect(t.results()).toEqual([
      kvt(2, 'A2+13', 201),
      kvt(2, 'A2-0+13', 201),
      kvt(2, 'A2+14', 201),
      kvt(2, 'A2-0+14', 201),
    ]);
    t.in2.pipeInput(3, 100, 1500);
    expect(t.results()).toEqual([kvt(1, 'null+10', 111), kvt(3, 'null+100', 211)]);
  });

  it('testRightExpiredNonJoinedRecordsAreEmittedByTheLeftProcessor', () => {
    const t = harness<number>(
      (l, r) => l.outerJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceWithNoGrace(100)),
      rightLong,
    );
    t.in2.pipeInput(0, 10, 1);
    t.in2.pipeInput(1, 11, 2);
    t.in2.pipeInput(0, 12, 3);
    expect(t.results()).toEqual([]);
    t.in1.pipeInput(1, 'A1', 3);
    expect(t.results()).toEqual([kvt(1, 'A1+11', 3)]);
    t.in1.pipeInput(2, 'dummy', 401);
    expect(t.results()).toEqual([kvt(0, 'null+10', 1), kvt(0, 'null+12', 3)]);
    t.in2.pipeInput(2, 100, 402);
    expect(t.results()).toEqual([kvt(2, 'dummy+100', 402)]);
  });

  it('testGracePeriod: unmatched records wait for window end + grace', () => {
    const t = harness<number>(
      (l, r) => l.outerJoin(r, toStringJoiner, JoinWindows.ofTimeDifferenceAndGrace(100, 10)),
      rightLong,
    );
    t.in1.pipeInput(0, 'A0', 0);
    t.in2.pipeInput(1, 11, 0);
    expect(t.results()).toEqual([]);
    t.in1.pipeInput(1, 'A1', 101);
    t.in2.pipeInput(0, 10, 101);
    expect(t.results()).toEqual([]);
    t.in2.pipeInput(0, 100, 112);
    expect(t.results()).toEqual([kvt(1, 'null+11', 0), kvt(0, 'A0+null', 0)]);
  });
});
