// Trace propagation through every kind of node: each output is traced back to the input that caused it, along
// the nodes it passed, with the record after each of them.
import { describe, expect, it } from 'vitest';
import {
  buildTopology as clickstream,
  CLICKS_TOPIC,
  OUTPUT_TOPIC,
  SEARCHES_TOPIC,
  USERS_TOPIC,
} from '../../../examples/clickstream/topology.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import type { Topology } from '../topology/topology.js';
import { Replay, type ReplayInput } from './replay.js';
import type { DebugTracer } from './tracer.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';

const str = Serdes.string();
const json = Serdes.json<unknown>();

function rec(topic: string, key: string | null, value: string, timestamp: number): ReplayInput {
  return {
    topic,
    partition: 0,
    key: key === null ? null : str.serialize(key, topic),
    value: str.serialize(value, topic),
    timestamp,
  };
}

function jrec(topic: string, key: string, value: unknown, timestamp: number): ReplayInput {
  return {
    topic,
    partition: 0,
    key: str.serialize(key, topic),
    value: json.serialize(value, topic),
    timestamp,
  };
}

function replayAll(build: () => Topology, inputs: ReplayInput[]): Replay {
  const r = new Replay(build, inputs);
  r.jumpTo(inputs.length);
  return r;
}

/** Node names of an output's path, with the value each node passed on. */
function path(r: Replay, output: number): Array<[string, unknown]> {
  return r.explain(output).path.map((p) => [p.node, p.valueAfter]);
}

describe('trace propagation', () => {
  it('stateless: filter, mapValues, flatMapValues, peek, sink', () => {
    const build = (): Topology => {
      const b = new StreamsBuilder();
      b.stream<string, string>('in', { keySerde: str, valueSerde: str, name: 'src' })
        .filter((_k, v) => v !== 'skip', { name: 'keep' })
        .mapValues((v) => v.toUpperCase(), { name: 'upper' })
        .flatMapValues((v) => v.split(' '), { name: 'words' })
        .peek(() => undefined, { name: 'look' })
        .to('out', { keySerde: str, valueSerde: str, name: 'sink' });
      return b.build();
    };
    const r = replayAll(build, [rec('in', 'k', 'skip', 1), rec('in', 'k', 'a b', 2)]);
    expect(r.state().outputs.map((o) => [o.input, o.value])).toEqual([
      [1, 'A'],
      [1, 'B'],
    ]);
    expect(path(r, 1)).toEqual([
      ['src', 'a b'],
      ['keep', 'a b'],
      ['upper', 'A B'],
      ['words', 'B'],
      ['look', 'B'],
      ['sink', 'B'],
    ]);
    // The filtered record's trace ends at the filter.
    expect(r.state().nodes.find((n) => n.name === 'keep')).toMatchObject({ recordsIn: 2 });
    r.jumpTo(1);
    expect(r.state().current?.trace.steps.map((s) => s.node)).toEqual(['src', 'keep']);
    r.close();
  });

  it('repartition and aggregation: selectKey, groupByKey through a repartition topic, count', () => {
    const build = (): Topology => {
      const b = new StreamsBuilder();
      b.stream<string, string>('in', { keySerde: str, valueSerde: str, name: 'src' })
        .selectKey((_k, v) => v, { name: 'by-value' })
        .groupByKey({ name: 'grouped', keySerde: str, valueSerde: str })
        .count({ name: 'counts', storeName: 'counts-store' })
        .toStream({ name: 'changes' })
        .to('out', { keySerde: str, valueSerde: Serdes.long(), name: 'sink' });
      return b.build();
    };
    const r = replayAll(build, [rec('in', null, 'x', 1), rec('in', null, 'y', 2), rec('in', null, 'x', 3)]);
    expect(r.state().outputs.map((o) => [o.input, o.key, o.value])).toEqual([
      [0, 'x', 1],
      [1, 'y', 1],
      [2, 'x', 2],
    ]);
    const why = r.explain(2);
    expect(why.inputIndex).toBe(2);
    expect(why.path.map((p) => p.node)).toEqual([
      'src',
      'by-value',
      'grouped-repartition-filter',
      'grouped-repartition-sink',
      'grouped-repartition-source',
      'counts',
      'changes',
      'sink',
    ]);
    const agg = why.path.find((p) => p.node === 'counts')?.aggregation;
    expect(agg).toMatchObject({ node: 'counts', key: 'x', update: 'x', previous: 1, result: 2 });
    expect(r.state().stores.find((s) => s.name === 'counts-store')?.entries).toEqual([
      { key: 'x', value: 2, timestamp: 3 },
      { key: 'y', value: 1, timestamp: 2 },
    ]);
    r.close();
  });

  it('branch and merge: split into branches, merge them again', () => {
    const build = (): Topology => {
      const b = new StreamsBuilder();
      const branches = b
        .stream<string, string>('in', { keySerde: str, valueSerde: str, name: 'src' })
        .split({ name: 'route-' })
        .branch((_k, v) => v.startsWith('a'), { name: 'a' })
        .defaultBranch({ name: 'rest' });
      const a = (branches.get('route-a') as NonNullable<ReturnType<typeof branches.get>>).mapValues(
        (v) => `A:${v}`,
        { name: 'tag-a' },
      );
      const rest = branches.get('route-rest') as NonNullable<ReturnType<typeof branches.get>>;
      a.merge(rest, { name: 'merged' }).to('out', { keySerde: str, valueSerde: str, name: 'sink' });
      return b.build();
    };
    const r = replayAll(build, [rec('in', 'k', 'apple', 1), rec('in', 'k', 'pear', 2)]);
    expect(path(r, 0).map(([n]) => n)).toEqual(['src', 'route-', 'route-a', 'tag-a', 'merged', 'sink']);
    expect(path(r, 0).at(-1)).toEqual(['sink', 'A:apple']);
    expect(path(r, 1).map(([n]) => n)).toEqual(['src', 'route-', 'route-rest', 'merged', 'sink']);
    r.close();
  });

  it('custom processors: a Processor API node that forwards twice', () => {
    const build = (): Topology => {
      const b = new StreamsBuilder();
      b.stream<string, string>('in', { keySerde: str, valueSerde: str, name: 'src' })
        .process<string, string>(
          () => {
            let ctx!: ProcessorContext<string, string>;
            return {
              init: (c) => void (ctx = c),
              process: (record) => {
                ctx.forward({ ...record, value: `${record.value}-1` });
                ctx.forward({ ...record, value: `${record.value}-2` });
              },
            };
          },
          { name: 'twice' },
        )
        .to('out', { keySerde: str, valueSerde: str, name: 'sink' });
      return b.build();
    };
    const r = replayAll(build, [rec('in', 'k', 'v', 1)]);
    expect(path(r, 0)).toEqual([
      ['src', 'v'],
      ['twice', 'v-1'],
      ['sink', 'v-1'],
    ]);
    expect(path(r, 1)).toEqual([
      ['src', 'v'],
      ['twice', 'v-2'],
      ['sink', 'v-2'],
    ]);
    r.close();
  });

  it('joins: stream–table and stream–stream, and why a click missed its search', () => {
    const r = replayAll(clickstream, [
      jrec(USERS_TOPIC, 'u1', { name: 'Ann', country: 'NL' }, 0),
      jrec(SEARCHES_TOPIC, 'u1', { query: 'shoes' }, 1_000),
      jrec(CLICKS_TOPIC, 'u1', { page: '/shoes' }, 1_500),
      jrec(SEARCHES_TOPIC, 'u1', { query: 'hats' }, 5_000),
      jrec(CLICKS_TOPIC, 'u1', { page: '/hats' }, 7_000),
    ]);
    const outputs = r.state().outputs;
    expect(outputs.map((o) => [o.topic, o.input])).toEqual([[OUTPUT_TOPIC, 2]]);
    expect(path(r, 0)).toEqual([
      ['KSTREAM-SOURCE-0000000000', { page: '/shoes' }],
      ['with-profile', { page: '/shoes', country: 'NL' }],
      ['with-search-this-windowed', { page: '/shoes', country: 'NL' }],
      ['with-search-this-join', { user: 'u1', page: '/shoes', country: 'NL', query: 'shoes' }],
      ['with-search-merge', { user: 'u1', page: '/shoes', country: 'NL', query: 'shoes' }],
      ['KSTREAM-SINK-0000000009', { user: 'u1', page: '/shoes', country: 'NL', query: 'shoes' }],
    ]);
    const attempts = r.state().joinAttempts;
    const met = attempts.find((a) => a.input === 2);
    expect(met).toMatchObject({ node: 'with-search-this-join', matched: true, reason: null });
    const missed = attempts.find((a) => a.input === 4);
    expect(missed).toMatchObject({
      node: 'with-search-this-join',
      matched: false,
      range: { from: 6_000, to: 8_000 },
    });
    expect(missed?.reason).toBe(
      'the nearest record with this key on the other side is at 5000 ms, 2 s before this one; the join window reaches 1 s before ([6000 ms, 8000 ms])',
    );
    // Each side's buffer and which of this side's timestamps its records can still meet.
    const left = r.state().joins.find((j) => j.node === 'with-search-this-join');
    expect(left?.buffered.map((b) => [b.value, b.timestamp, b.meets])).toContainEqual([
      { query: 'hats' },
      5_000,
      { from: 4_000, to: 6_000 },
    ]);
    r.close();
  });

  it('costs nothing when off: a driver without a tracer never calls one', () => {
    // The engine's hook is a field read once per node visit; this checks the wiring, not the speed (bench/).
    const calls: string[] = [];
    const tracer: DebugTracer = {
      enter: (n) => void calls.push(n),
      leave: () => undefined,
      note: () => undefined,
    };
    const build = (): Topology => {
      const b = new StreamsBuilder();
      b.stream<string, string>('in', { keySerde: str, valueSerde: str, name: 'src' }).to('out', {
        keySerde: str,
        valueSerde: str,
        name: 'sink',
      });
      return b.build();
    };
    const off = new TopologyTestDriver(build());
    off.createInputTopic('in', { keySerde: str, valueSerde: str }).pipeInput('k', 'v', 1);
    expect(calls).toEqual([]);
    const on = new TopologyTestDriver(build(), { tracer });
    on.createInputTopic('in', { keySerde: str, valueSerde: str }).pipeInput('k', 'v', 1);
    expect(calls).toEqual(['src', 'sink']);
    off.close();
    on.close();
  });
});
