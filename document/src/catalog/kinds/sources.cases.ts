// The sources kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { stream, sink, o, chain, ab, type KindCase } from '../../testing/kind-case.js';

export const sourcesCases: KindCase[] = [
  {
    kind: 'source.stream + sink.topic',
    doc: chain([stream('in'), sink('out')], ab),
    expected: [o('a', 'x'), o('b', 'yy')],
  },
];
