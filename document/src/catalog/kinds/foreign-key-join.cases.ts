// The foreign-key-join kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { table, sink, node, r, o, twoInto, type KindCase } from '../../testing/kind-case.js';

export const foreignKeyJoinCases: KindCase[] = [
  {
    kind: 'join.foreignKey',
    doc: twoInto(
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
      'orders',
      'customers',
    ),
    // o2's customer does not exist: the left join emits it with null for the right side.
    expected: [o('o1', 'c1:book@Ada'), o('o2', 'c9:pen@nobody')],
  },
];
