// Small documents, one per node kind, with sample records and the outputs Kafka Streams gives for them.
// Used by the end-to-end kind tests (generate → run) and the parser round-trip tests.
import { expect } from 'vitest';
import type { DocumentNode, SampleRecord, TopologyDocument } from '../schema/document.js';

/** A record a sink topic receives (the shape codegen's runTopology reports). */
export interface OutputRecord {
  topic: string;
  key: unknown;
  value: unknown;
}

type N = Omit<DocumentNode, 'position'>;
export const stream = (id: string, topic = id, valueSerde = 'string', valueType?: string): N => ({
  id,
  kind: 'source.stream',
  config: { topic, keySerde: 'string', valueSerde, ...(valueType ? { valueType } : {}) },
});
const table = (id: string, kind = 'source.table'): N => ({
  id,
  kind,
  config: { topic: id, keySerde: 'string', valueSerde: 'string' },
});
const sink = (id: string, topic = 'out', valueSerde = 'string'): N => ({
  id,
  kind: 'sink.topic',
  config: { topic, keySerde: 'string', valueSerde },
});
export const node = (id: string, kind: string, config: Record<string, unknown> = {}): N => ({
  id,
  kind,
  config,
});
/** Windowed keys printed as `key@start` so windowed results can go to a string-keyed topic. */
const flattenWindow = (id: string): N =>
  node(id, 'map', {
    mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}`, value: n })',
    keyType: 'string',
    valueType: 'number | null',
  });
const r = (key: string, value: unknown, timestamp = 0): SampleRecord => ({ key, value, timestamp });
const o = (key: unknown, value: unknown, topic = 'out'): OutputRecord => ({ topic, key, value });

/** A linear document: nodes chained in order, plus extra edges `[source, target, targetHandle?, sourceHandle?]`. */
export function chain(
  nodes: N[],
  testData: Record<string, SampleRecord[]>,
  extra: Array<[string, string, string?, string?]> = [],
  linear = true,
): TopologyDocument {
  const edges: TopologyDocument['edges'] = [];
  if (linear)
    for (let i = 1; i < nodes.length; i++)
      edges.push({ id: `c${i}`, source: nodes[i - 1]?.id ?? '', target: nodes[i]?.id ?? '' });
  extra.forEach(([source, target, targetHandle, sourceHandle], i) =>
    edges.push({
      id: `x${i}`,
      source,
      target,
      ...(targetHandle ? { targetHandle } : {}),
      ...(sourceHandle ? { sourceHandle } : {}),
    }),
  );
  return {
    version: 2,
    name: 'kind-test',
    types: [],
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } })),
    edges,
    settings: { applicationId: 'kind-test', testData },
  };
}

const counted = (grouping: N[], data: SampleRecord[]) =>
  chain(
    [stream('in'), ...grouping, node('n', 'count'), node('changes', 'toStream'), sink('out', 'out', 'long')],
    { in: data },
  );

export interface KindCase {
  kind: string;
  doc: TopologyDocument;
  expected: OutputRecord[] | ((outputs: OutputRecord[]) => void);
}

export const ab = { in: [r('a', 'x', 0), r('b', 'yy', 1)] };
export const KIND_CASES: KindCase[] = [
  {
    kind: 'source.stream + sink.topic',
    doc: chain([stream('in'), sink('out')], ab),
    expected: [o('a', 'x'), o('b', 'yy')],
  },
  {
    kind: 'filter',
    doc: chain([stream('in'), node('f', 'filter', { predicate: '(k, v) => v.length > 1' }), sink('out')], ab),
    expected: [o('b', 'yy')],
  },
  {
    kind: 'filterNot',
    doc: chain(
      [stream('in'), node('f', 'filterNot', { predicate: '(k, v) => v.length > 1' }), sink('out')],
      ab,
    ),
    expected: [o('a', 'x')],
  },
  {
    kind: 'map',
    doc: chain(
      [
        stream('in'),
        node('m', 'map', {
          mapper: '(k, v) => ({ key: v, value: k })',
          keyType: 'string',
          valueType: 'string',
        }),
        sink('out'),
      ],
      ab,
    ),
    expected: [o('x', 'a'), o('yy', 'b')],
  },
  {
    kind: 'mapValues',
    doc: chain(
      [
        stream('in'),
        node('m', 'mapValues', { mapper: '(v) => v.toUpperCase()', valueType: 'string' }),
        sink('out'),
      ],
      ab,
    ),
    expected: [o('a', 'X'), o('b', 'YY')],
  },
  {
    kind: 'flatMap',
    doc: chain(
      [
        stream('in'),
        node('m', 'flatMap', {
          mapper: '(k, v) => [{ key: k, value: v }, { key: `${k}2`, value: v }]',
          keyType: 'string',
          valueType: 'string',
        }),
        sink('out'),
      ],
      { in: [r('a', 'x')] },
    ),
    expected: [o('a', 'x'), o('a2', 'x')],
  },
  {
    kind: 'flatMapValues',
    doc: chain(
      [
        stream('in'),
        node('m', 'flatMapValues', { mapper: "(v) => v.split(' ')", valueType: 'string' }),
        sink('out'),
      ],
      { in: [r('a', 'p q')] },
    ),
    expected: [o('a', 'p'), o('a', 'q')],
  },
  {
    kind: 'selectKey',
    doc: chain(
      [stream('in'), node('m', 'selectKey', { mapper: '(k, v) => v', keyType: 'string' }), sink('out')],
      ab,
    ),
    expected: [o('x', 'x'), o('yy', 'yy')],
  },
  {
    kind: 'peek',
    doc: chain([stream('in'), node('p', 'peek', { action: '(k, v) => void v' }), sink('out')], ab),
    expected: [o('a', 'x'), o('b', 'yy')],
  },
  {
    kind: 'branch',
    doc: chain(
      [
        stream('in'),
        node('route', 'branch', {
          branches: [{ name: 'long', predicate: '(k, v) => v.length > 1' }],
          defaultBranch: 'short',
        }),
        sink('to-long', 'long'),
        sink('to-short', 'short'),
      ],
      ab,
      [
        ['in', 'route'],
        ['route', 'to-long', undefined, 'long'],
        ['route', 'to-short', undefined, 'short'],
      ],
      false,
    ),
    // Outputs are read topic by topic, in the order of the sinks.
    expected: [o('b', 'yy', 'long'), o('a', 'x', 'short')],
  },
  {
    kind: 'merge',
    doc: chain(
      [stream('left'), stream('right'), node('m', 'merge'), sink('out')],
      { left: [r('a', 'l', 0)], right: [r('b', 'r', 1)] },
      [
        ['left', 'm'],
        ['right', 'm', 'other'],
        ['m', 'out'],
      ],
      false,
    ),
    expected: [o('a', 'l'), o('b', 'r')],
  },
  {
    kind: 'repartition',
    doc: chain([stream('in'), node('rp', 'repartition', { numberOfPartitions: 2 }), sink('out')], ab),
    expected: [o('a', 'x'), o('b', 'yy')],
  },
  {
    kind: 'process',
    doc: chain(
      [
        stream('in'),
        node('up', 'process', {
          processor:
            '() => {\n  let ctx: ProcessorContext<string, string> | undefined;\n  return {\n    init(c: ProcessorContext<string, string>) { ctx = c; },\n    process(record: StreamRecord<string, string>) { ctx?.forward({ ...record, value: record.value.toUpperCase() }); },\n  };\n}',
          keyType: 'string',
          valueType: 'string',
        }),
        sink('out'),
      ],
      ab,
    ),
    expected: [o('a', 'X'), o('b', 'YY')],
  },
  {
    kind: 'groupByKey + count + toStream',
    doc: counted([node('g', 'groupByKey')], [r('a', 'x', 0), r('a', 'y', 1), r('b', 'z', 2)]),
    expected: [o('a', 1), o('a', 2), o('b', 1)],
  },
  {
    kind: 'groupBy (stream)',
    doc: counted(
      [node('g', 'groupBy', { selector: '(k, v) => v', keyType: 'string' })],
      [r('a', 'x', 0), r('b', 'x', 1), r('c', 'y', 2)],
    ),
    expected: [o('x', 1), o('x', 2), o('y', 1)],
  },
  {
    kind: 'source.table + groupBy (table) + count with subtraction',
    doc: chain(
      [
        table('users'),
        node('g', 'groupBy', {
          selector: '(k, country) => ({ key: country, value: k })',
          keyType: 'string',
          valueType: 'string',
        }),
        node('n', 'count'),
        node('changes', 'toStream'),
        sink('out', 'out', 'long'),
      ],
      { users: [r('u1', 'UK', 0), r('u2', 'UK', 1), r('u1', 'SG', 2)] },
    ),
    expected: [o('UK', 1), o('UK', 2), o('UK', 1), o('SG', 1)],
  },
  {
    // A store kept out of the record cache (Materialized cachingEnabled: false) with a queryable name.
    kind: 'count',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('n', 'count', { storeName: 'counts', caching: false }),
        node('changes', 'toStream'),
        sink('out', 'out', 'long'),
      ],
      ab,
    ),
    expected: [o('a', 1), o('b', 1)],
  },
  {
    kind: 'reduce',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('n', 'reduce', { reducer: '(agg, v) => agg + v' }),
        node('changes', 'toStream'),
        sink('out'),
      ],
      { in: [r('a', 'x', 0), r('a', 'y', 1)] },
    ),
    expected: [o('a', 'x'), o('a', 'xy')],
  },
  {
    kind: 'aggregate',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('n', 'aggregate', {
          initializer: '() => 0',
          aggregator: '(k, v, agg) => agg + v.length',
          valueType: 'number',
        }),
        node('changes', 'toStream'),
        sink('out', 'out', 'long'),
      ],
      { in: [r('a', 'xy', 0), r('a', 'zzz', 1)] },
    ),
    expected: [o('a', 2), o('a', 5)],
  },
  {
    kind: 'filter + mapValues on a table',
    doc: chain(
      [
        table('prices'),
        node('f', 'filter', { predicate: "(k, v) => v !== 'skip'" }),
        node('m', 'mapValues', { mapper: '(v) => `${v}!`', valueType: 'string' }),
        node('changes', 'toStream'),
        sink('out'),
      ],
      { prices: [r('a', '1', 0), r('b', 'skip', 1)] },
    ),
    // Kafka forwards a table filter's drop as a tombstone for the key (here: a key never seen, so b → null).
    expected: (outs) => expect(outs.filter((x) => x.value !== null)).toEqual([o('a', '1!')]),
  },
  {
    kind: 'reduce on a grouped table (adder and subtractor)',
    doc: chain(
      [
        table('users'),
        node('g', 'groupBy', {
          selector: '(k, country) => ({ key: country, value: k })',
          keyType: 'string',
          valueType: 'string',
        }),
        node('n', 'reduce', {
          reducer: '(agg, v) => `${agg},${v}`',
          subtractor: "(agg, v) => agg.split(',').filter((x) => x !== v).join(',')",
        }),
        node('changes', 'toStream'),
        sink('out'),
      ],
      { users: [r('u1', 'UK', 0), r('u2', 'UK', 1), r('u1', 'SG', 2)] },
    ),
    expected: [o('UK', 'u1'), o('UK', 'u1,u2'), o('UK', 'u2'), o('SG', 'u1')],
  },
  {
    kind: 'aggregate on a grouped table (adder and subtractor)',
    doc: chain(
      [
        table('users'),
        node('g', 'groupBy', {
          selector: '(k, country) => ({ key: country, value: k })',
          keyType: 'string',
          valueType: 'string',
        }),
        node('n', 'aggregate', {
          initializer: '() => 0',
          aggregator: '(k, v, agg) => agg + 1',
          subtractor: '(k, v, agg) => agg - 1',
          valueType: 'number',
        }),
        node('changes', 'toStream'),
        sink('out', 'out', 'long'),
      ],
      { users: [r('u1', 'UK', 0), r('u2', 'UK', 1), r('u1', 'SG', 2)] },
    ),
    expected: [o('UK', 1), o('UK', 2), o('UK', 1), o('SG', 1)],
  },
  {
    kind: 'aggregate on session windows (with merger)',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.session', { inactivityGapMs: 5000 }),
        node('n', 'aggregate', {
          initializer: '() => 0',
          aggregator: '(k, v, agg) => agg + v.length',
          merger: '(k, left, right) => left + right',
          valueType: 'number',
        }),
        node('changes', 'toStream'),
        node('flat', 'map', {
          mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}-${w.window.end}`, value: n })',
          keyType: 'string',
          valueType: 'number | null',
        }),
        sink('out', 'out', 'long'),
      ],
      { in: [r('a', 'xy', 0), r('a', 'zzz', 3000)] },
    ),
    expected: [o('a@0-0', 2), o('a@0-0', null), o('a@0-3000', 5)],
  },
  {
    kind: 'window.tumbling',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.tumbling', { sizeMs: 10_000 }),
        node('n', 'count'),
        node('changes', 'toStream'),
        flattenWindow('flat'),
        sink('out', 'out', 'long'),
      ],
      {
        in: [r('a', 'x', 0), r('a', 'y', 5000), r('a', 'z', 12_000)],
      },
    ),
    expected: [o('a@0', 1), o('a@0', 2), o('a@10000', 1)],
  },
  {
    kind: 'window.hopping',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.hopping', { sizeMs: 10_000, advanceMs: 5000 }),
        node('n', 'count'),
        node('changes', 'toStream'),
        flattenWindow('flat'),
        sink('out', 'out', 'long'),
      ],
      {
        in: [r('a', 'x', 6000)],
      },
    ),
    expected: [o('a@0', 1), o('a@5000', 1)],
  },
  {
    kind: 'window.sliding',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.sliding', { timeDifferenceMs: 5000, graceMs: 0 }),
        node('n', 'count'),
        node('changes', 'toStream'),
        flattenWindow('flat'),
        sink('out', 'out', 'long'),
      ],
      {
        in: [r('a', 'x', 10_000), r('a', 'y', 12_000)],
      },
    ),
    // Kafka's sliding windows: [5000,10000] for x; y updates its own window [7000,12000] to 2 and opens [10001,15001].
    expected: (outs) => {
      expect(outs.length).toBeGreaterThanOrEqual(2);
      expect(outs).toContainEqual(o('a@5000', 1));
      expect(outs).toContainEqual(o('a@7000', 2));
    },
  },
  {
    kind: 'window.session',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.session', { inactivityGapMs: 5000 }),
        node('n', 'count'),
        node('changes', 'toStream'),
        node('flat', 'map', {
          mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}-${w.window.end}`, value: n })',
          keyType: 'string',
          valueType: 'number | null',
        }),
        sink('out', 'out', 'long'),
      ],
      { in: [r('a', 'x', 0), r('a', 'y', 3000)] },
    ),
    // The second record merges into the first session: the old session is deleted, the merged one written.
    expected: [o('a@0-0', 1), o('a@0-0', null), o('a@0-3000', 2)],
  },
  {
    // EmitStrategy.onWindowClose(): each window once, when stream time (12 000) passes its end.
    kind: 'window.hopping',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.hopping', { sizeMs: 10_000, advanceMs: 5000, emit: 'onWindowClose' }),
        node('n', 'count'),
        node('changes', 'toStream'),
        flattenWindow('flat'),
        sink('out', 'out', 'long'),
      ],
      {
        in: [r('a', 'x', 0), r('a', 'y', 5000), r('b', 'z', 12_000)],
      },
    ),
    expected: [o('a@0', 2)],
  },
  {
    kind: 'suppress',
    doc: chain(
      [
        stream('in'),
        node('g', 'groupByKey'),
        node('w', 'window.tumbling', { sizeMs: 10_000 }),
        node('n', 'count'),
        node('final', 'suppress', { until: 'windowCloses' }),
        node('changes', 'toStream'),
        flattenWindow('flat'),
        sink('out', 'out', 'long'),
      ],
      {
        in: [r('a', 'x', 0), r('a', 'y', 5000), r('b', 'z', 12_000)],
      },
    ),
    expected: [o('a@0', 2)],
  },
  {
    kind: 'join.streamStream',
    doc: chain(
      [
        stream('l'),
        stream('r'),
        node('j', 'join.streamStream', {
          joinType: 'inner',
          joiner: '(a, b) => `${a}+${b}`',
          valueType: 'string',
          windowMs: 5000,
        }),
        sink('out'),
      ],
      { l: [r('a', 'x', 0)], r: [r('a', 'y', 1000), r('a', 'late', 9000)] },
      [
        ['l', 'j'],
        ['r', 'j', 'right'],
        ['j', 'out'],
      ],
      false,
    ),
    expected: [o('a', 'x+y')],
  },
  {
    kind: 'join.streamTable',
    doc: chain(
      [
        table('t'),
        stream('s'),
        node('j', 'join.streamTable', {
          joinType: 'left',
          joiner: "(a, b) => `${a}+${b ?? 'none'}`",
          valueType: 'string',
        }),
        sink('out'),
      ],
      { t: [r('a', 'T', 0)], s: [r('a', 's', 1), r('b', 's', 2)] },
      [
        ['s', 'j'],
        ['t', 'j', 'right'],
        ['j', 'out'],
      ],
      false,
    ),
    expected: [o('a', 's+T'), o('b', 's+none')],
  },
  {
    kind: 'join.streamGlobalTable',
    doc: chain(
      [
        table('g', 'source.globalTable'),
        stream('s'),
        node('j', 'join.streamGlobalTable', {
          joinType: 'inner',
          keySelector: '(k, v) => v',
          joiner: '(a, b) => `${a}+${b}`',
          valueType: 'string',
        }),
        sink('out'),
      ],
      { g: [r('k1', 'G', 0)], s: [r('a', 'k1', 1), r('b', 'k2', 2)] },
      [
        ['s', 'j'],
        ['g', 'j', 'right'],
        ['j', 'out'],
      ],
      false,
    ),
    expected: [o('a', 'k1+G')],
  },
  {
    kind: 'join.tableTable',
    doc: chain(
      [
        table('t1'),
        table('t2'),
        node('j', 'join.tableTable', {
          joinType: 'inner',
          joiner: '(a, b) => `${a}+${b}`',
          valueType: 'string',
        }),
        node('changes', 'toStream'),
        sink('out'),
      ],
      { t1: [r('a', '1', 0)], t2: [r('a', '2', 1)] },
      [
        ['t1', 'j'],
        ['t2', 'j', 'right'],
        ['j', 'changes'],
        ['changes', 'out'],
      ],
      false,
    ),
    expected: [o('a', '1+2')],
  },
  {
    kind: 'source.table (versioned) + join.streamTable',
    doc: chain(
      [
        {
          id: 'prices',
          kind: 'source.table',
          config: { topic: 'prices', keySerde: 'string', valueSerde: 'string', historyRetentionMs: 60_000 },
        },
        stream('orders'),
        node('j', 'join.streamTable', {
          joinType: 'left',
          joiner: "(order, price) => `${order}@${price ?? 'none'}`",
          valueType: 'string',
        }),
        sink('out'),
      ],
      {
        prices: [r('p', '10', 0), r('p', '20', 100)],
        orders: [r('p', 'early', 10), r('p', 'late', 200), r('q', 'other', 300)],
      },
      [
        ['orders', 'j'],
        ['prices', 'j', 'right'],
        ['j', 'out'],
      ],
      false,
    ),
    // Sample records are fed in timestamp order, so the as-of reads agree with the latest values here; the
    // runtime's conformance tests cover out-of-order data. This case checks the option generates and runs.
    expected: [o('p', 'early@10'), o('p', 'late@20'), o('q', 'other@none')],
  },
  {
    kind: 'join.foreignKey',
    doc: chain(
      [
        table('customers'),
        table('orders'),
        node('j', 'join.foreignKey', {
          joinType: 'left',
          foreignKeyExtractor: "(v) => v.split(':')[0]",
          joiner: "(order, customer) => `${order}@${customer ?? 'nobody'}`",
          valueType: 'string',
        }),
        node('changes', 'toStream'),
        sink('out'),
      ],
      {
        customers: [r('c1', 'Ada', 0)],
        orders: [r('o1', 'c1:book', 1), r('o2', 'c9:pen', 2)],
      },
      [
        ['orders', 'j'],
        ['customers', 'j', 'right'],
        ['j', 'changes'],
        ['changes', 'out'],
      ],
      false,
    ),
    // o2's customer does not exist: the left join emits it with null for the right side.
    expected: [o('o1', 'c1:book@Ada'), o('o2', 'c9:pen@nobody')],
  },
];
