// The stateless kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { expect } from 'vitest';
import {
  stream,
  table,
  sink,
  node,
  r,
  o,
  chain,
  ab,
  through,
  twoInto,
  type KindCase,
} from '../../testing/kind-case.js';

export const statelessCases: KindCase[] = [
  {
    kind: 'filter',
    doc: through(node('f', 'filter', { predicate: '(k, v) => v.length > 1' })),
    expected: [o('b', 'yy')],
  },
  {
    kind: 'filterNot',
    doc: through(node('f', 'filterNot', { predicate: '(k, v) => v.length > 1' })),
    expected: [o('a', 'x')],
  },
  {
    kind: 'map',
    doc: through(
      node('m', 'map', {
        mapper: '(k, v) => ({ key: v, value: k })',
        keyType: 'string',
        valueType: 'string',
      }),
    ),
    expected: [o('x', 'a'), o('yy', 'b')],
  },
  {
    kind: 'mapValues',
    doc: through(node('m', 'mapValues', { mapper: '(v) => v.toUpperCase()', valueType: 'string' })),
    expected: [o('a', 'X'), o('b', 'YY')],
  },
  {
    kind: 'flatMap',
    doc: through(
      node('m', 'flatMap', {
        mapper: '(k, v) => [{ key: k, value: v }, { key: `${k}2`, value: v }]',
        keyType: 'string',
        valueType: 'string',
      }),
      { in: [r('a', 'x')] },
    ),
    expected: [o('a', 'x'), o('a2', 'x')],
  },
  {
    kind: 'flatMapValues',
    doc: through(node('m', 'flatMapValues', { mapper: "(v) => v.split(' ')", valueType: 'string' }), {
      in: [r('a', 'p q')],
    }),
    expected: [o('a', 'p'), o('a', 'q')],
  },
  {
    kind: 'selectKey',
    doc: through(node('m', 'selectKey', { mapper: '(k, v) => v', keyType: 'string' })),
    expected: [o('x', 'x'), o('yy', 'yy')],
  },
  {
    kind: 'peek',
    doc: through(node('p', 'peek', { action: '(k, v) => void v' })),
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
    doc: twoInto(
      [stream('left'), stream('right'), node('m', 'merge'), sink('out')],
      { left: [r('a', 'l', 0)], right: [r('b', 'r', 1)] },
      'left',
      'right',
      'other',
    ),
    expected: [o('a', 'l'), o('b', 'r')],
  },
  {
    kind: 'repartition',
    doc: through(node('rp', 'repartition', { numberOfPartitions: 2 })),
    expected: [o('a', 'x'), o('b', 'yy')],
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
];
