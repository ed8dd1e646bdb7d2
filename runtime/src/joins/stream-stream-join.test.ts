import { describe, expect, it } from 'vitest';
import type { KStream } from '../dsl/kstream.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import { JoinWindows } from '../windows/join-windows.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const joiner = (l: string | null, r: string | null): string => `${String(l)}+${String(r)}`;

function setup(build: (l: KStream<string, string>, r: KStream<string, string>) => KStream<string, string>) {
  const builder = new StreamsBuilder();
  build(builder.stream('left', strings), builder.stream('right', strings)).to('out', strings);
  const topology = builder.build();
  const driver = new TopologyTestDriver(topology);
  const out = driver.createOutputTopic('out', strings);
  return {
    topology,
    driver,
    left: driver.createInputTopic('left', strings),
    right: driver.createInputTopic('right', strings),
    results: () => out.readRecordsToList().map((r) => `${r.key}:${r.value}@${r.timestamp}`),
  };
}

describe('stream–stream join', () => {
  it('inner join matches records within the time difference on either side, stamped with the later time', () => {
    const t = setup((l, r) => l.join(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10)));
    t.left.pipeInput('k', 'L1', 100);
    t.right.pipeInput('k', 'R1', 110); // exactly at the bound
    t.right.pipeInput('k', 'R2', 111); // too far
    t.right.pipeInput('k', 'R0', 95); // out of order, still within 10 of L1
    t.right.pipeInput('x', 'R3', 100); // other key
    expect(t.results()).toEqual(['k:L1+R1@110', 'k:L1+R0@100']);
  });

  it('asymmetric windows: after(0) joins only right records at or before the left one (before = 10)', () => {
    const t = setup((l, r) => l.join(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10).after(0)));
    t.right.pipeInput('k', 'early', 95);
    t.right.pipeInput('k', 'late', 101);
    t.left.pipeInput('k', 'L', 100);
    expect(t.results()).toEqual(['k:L+early@100']);
  });

  it('drops and counts records with a null key or value; a left join passes null keys through', () => {
    const inner = setup((l, r) =>
      l.join(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10), { name: 'j' }),
    );
    inner.left.pipeInput(null, 'L', 1);
    inner.left.pipeInput('k', null, 1);
    inner.right.pipeInput('k', 'R', 1);
    expect(inner.results()).toEqual([]);
    expect(inner.driver.nodeMetrics().find((m) => m.nodeName === 'j-this-join')?.droppedRecords).toBe(2);

    const left = setup((l, r) => l.leftJoin(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10)));
    left.left.pipeInput(null, 'L', 1);
    expect(left.results()).toEqual(['null:L+null@1']);
  });

  it('a left join emits an unmatched record only after its window (+ grace) has closed', () => {
    const t = setup((l, r) => l.leftJoin(r, joiner, JoinWindows.ofTimeDifferenceAndGrace(10, 5)));
    t.left.pipeInput('k', 'L', 0);
    t.right.pipeInput('x', 'bump', 15); // 0 + 10 + 5 = 15: not yet closed
    expect(t.results()).toEqual([]);
    t.right.pipeInput('x', 'bump', 16);
    expect(t.results()).toEqual(['k:L+null@0']);
  });

  it('a late record beyond retention finds nothing and, in a left join, is emitted at once', () => {
    const t = setup((l, r) => l.leftJoin(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10)));
    t.right.pipeInput('k', 'R', 0);
    t.right.pipeInput('x', 'bump', 100);
    t.left.pipeInput('k', 'late', 5);
    expect(t.results()).toEqual(['k:late+null@5']);
  });

  it('repartitions a side whose key was changed, as Kafka does, and still joins', () => {
    const t = setup((l, r) =>
      l
        .selectKey((_k, v) => v.split('-')[0] ?? '')
        .join(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10)),
    );
    expect(t.topology.describe().toString()).toContain('KSTREAM-KEY-SELECT-0000000002-repartition');
    t.left.pipeInput('ignored', 'k-1', 0);
    t.right.pipeInput('k', 'R', 1);
    expect(t.results()).toEqual(['k:k-1+R@1']);
  });

  it('names every node after the join name when one is given', () => {
    const t = setup((l, r) =>
      l.outerJoin(r, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(10), { name: 'j' }),
    );
    const text = t.topology.describe().toString();
    for (const node of [
      'j-this-windowed',
      'j-other-windowed',
      'j-outer-this-join',
      'j-outer-other-join',
      'j-merge',
    ]) {
      expect(text).toContain(`Processor: ${node} `);
    }
  });

  it('rejects a stream join without JoinWindows and an outer join with a table', () => {
    const builder = new StreamsBuilder();
    const s = builder.stream<string, string>('a', strings);
    const table = builder.table<string, string>('t', strings);
    const join = s.join as unknown as (...args: unknown[]) => unknown;
    expect(() => join.call(s, builder.stream('b'), joiner)).toThrow(/needs JoinWindows/);
    const outer = s.outerJoin as unknown as (...args: unknown[]) => unknown;
    expect(() => outer.call(s, table, joiner)).toThrow(/only with another stream/);
  });
});
