// The custom kinds' cases for the end-to-end kind tests (generate → run in TopologyTestDriver) and the parser
// round trip: small documents with sample records and what Kafka Streams gives for them.
import { node, o, through, type KindCase } from '../../testing/kind-case.js';

export const customCases: KindCase[] = [
  {
    kind: 'process',
    doc: through(
      node('up', 'process', {
        processor:
          '() => {\n  let ctx: ProcessorContext<string, string> | undefined;\n  return {\n    init(c: ProcessorContext<string, string>) { ctx = c; },\n    process(record: StreamRecord<string, string>) { ctx?.forward({ ...record, value: record.value.toUpperCase() }); },\n  };\n}',
        keyType: 'string',
        valueType: 'string',
      }),
    ),
    expected: [o('a', 'X'), o('b', 'YY')],
  },
];
