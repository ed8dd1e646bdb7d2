// The stateful kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import {
  stream,
  table,
  sink,
  node,
  flattenWindow,
  r,
  o,
  chain,
  counted,
  ab,
  type KindCase,
} from '../../testing/kind-case.js';

export const statefulCases: KindCase[] = [
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
];
