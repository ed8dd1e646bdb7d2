// The windows kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { expect } from 'vitest';
import {
  stream,
  sink,
  node,
  flattenWindow,
  flattenSession,
  r,
  o,
  chain,
  type KindCase,
} from '../../testing/kind-case.js';

export const windowsCases: KindCase[] = [
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
        flattenSession('flat'),
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
        flattenSession('flat'),
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
];
