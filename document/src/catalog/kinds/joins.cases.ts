// The joins kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { stream, table, sink, node, r, o, twoInto, type KindCase } from '../../testing/kind-case.js';

export const joinsCases: KindCase[] = [
  {
    kind: 'join.streamStream',
    doc: twoInto(
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
      'l',
      'r',
    ),
    expected: [o('a', 'x+y')],
  },
  {
    kind: 'join.streamTable',
    doc: twoInto(
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
      's',
      't',
    ),
    expected: [o('a', 's+T'), o('b', 's+none')],
  },
  {
    kind: 'join.streamGlobalTable',
    doc: twoInto(
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
      's',
      'g',
    ),
    expected: [o('a', 'k1+G')],
  },
  {
    kind: 'join.tableTable',
    doc: twoInto(
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
      't1',
      't2',
    ),
    expected: [o('a', '1+2')],
  },
  {
    kind: 'source.table (versioned) + join.streamTable',
    doc: twoInto(
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
      'orders',
      'prices',
    ),
    // Sample records are fed in timestamp order, so the as-of reads agree with the latest values here; the
    // runtime's conformance tests cover out-of-order data. This case checks the option generates and runs.
    expected: [o('p', 'early@10'), o('p', 'late@20'), o('q', 'other@none')],
  },
];
