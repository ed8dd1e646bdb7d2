// "Save as test": a recorded run written as a vitest TopologyTestDriver test beside the document, readable as
// two tables (the inputs, the outputs they gave). It imports the code generated from the document
// (`<name>.topology.ts`, which `topograph check` keeps in step), so a document change that changes an output
// fails it, as it should.
import * as prettier from 'prettier';
import type { TopologyDocument } from '@topograph/document';
import { PRETTIER_OPTIONS } from '../generator/generate.js';
import { inputTopics, outputTopics, topicVar, type TopicSerdes } from '../export/topic-io.js';

export interface RecordedValue {
  readonly topic: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
}

export interface RecordedTestOptions {
  /** The module the test imports `buildTopology` from, relative to the test file (`./name.topology.js`). */
  readonly topologyModule: string;
  /** Where the records came from, for the header comment (e.g. `stock-stats.recording.json`). */
  readonly source: string;
}

export class RecordedTestError extends Error {
  override readonly name = 'RecordedTestError';
}

const literal = (v: unknown): string => JSON.stringify(v ?? null);

const mentions = (body: string, name: string): boolean => new RegExp(`\\b${name}\\b`).test(body);

/** One row of a table: the fields on one line, so a changed record is one changed line in a diff. */
const row = (r: RecordedValue): string =>
  `  { topic: ${literal(r.topic)}, key: ${literal(r.key)}, value: ${literal(r.value)}, timestamp: ${r.timestamp} },`;

/**
 * The test's text (Prettier-formatted with the generator's style). Inputs are piped in recorded order; each
 * output topic must receive exactly the recorded records, in order, with their timestamps.
 */
export async function recordedTest(
  doc: TopologyDocument,
  inputs: readonly RecordedValue[],
  outputs: readonly RecordedValue[],
  options: RecordedTestOptions,
): Promise<string> {
  if (inputs.length === 0) throw new RecordedTestError('the recording has no input records to test with');
  const known = new Map<string, TopicSerdes>();
  for (const t of inputTopics(doc)) known.set(t.topic, t);
  const fed = [...new Set(inputs.map((r) => r.topic))].map((topic) => {
    const t = known.get(topic);
    if (!t)
      throw new RecordedTestError(
        `the recording has input topic "${topic}", which the document does not read`,
      );
    return t;
  });
  const sinks = outputTopics(doc);
  for (const r of outputs)
    if (!sinks.some((t) => t.topic === r.topic))
      throw new RecordedTestError(
        `the recording has output topic "${r.topic}", which no sink of the document writes`,
      );

  const body = [
    `// What went in, in the order it arrived.`,
    `// prettier-ignore`,
    `const inputs: Row[] = [`,
    ...inputs.map(row),
    `];`,
    '',
    `// What came out (per topic, in order), when the recording was made.`,
    `// prettier-ignore`,
    `const expected: Row[] = [`,
    ...outputs.map(row),
    `];`,
    '',
    `describe(${literal(`${doc.name}, as recorded`)}, () => {`,
    `  it('turns the recorded inputs into the recorded outputs', () => {`,
    '    const driver = new TopologyTestDriver(buildTopology(), { initialWallClockTime: 0 });',
    '    try {',
    ...fed.map(
      (t) =>
        `      const ${topicVar(t.topic)} = driver.createInputTopic(${literal(t.topic)}, { keySerde: ${t.keySerde}, valueSerde: ${t.valueSerde} });`,
    ),
    `      const inputTopics: Record<string, { pipeInput(key: never, value: never, timestamp: number): void }> = { ${fed
      .map((t) => `${literal(t.topic)}: ${topicVar(t.topic)}`)
      .join(', ')} };`,
    // The rows are JSON; the topic's serdes check them against the record types at run time.
    '      for (const r of inputs) inputTopics[r.topic]?.pipeInput(r.key as never, r.value as never, r.timestamp);',
    ...sinks.map(
      (t) =>
        `      expect(driver.createOutputTopic(${literal(t.topic)}, { keySerde: ${t.keySerde}, valueSerde: ${t.valueSerde} }).readRecordsToList().map(({ key, value, timestamp }) => ({ topic: ${literal(t.topic)}, key, value, timestamp }))).toEqual(expected.filter((r) => r.topic === ${literal(t.topic)}));`,
    ),
    '    } finally {',
    '      driver.close();',
    '    }',
    '  });',
    '});',
  ].join('\n');
  const types = doc.types.filter((t) => mentions(body, t.name)).map((t) => `type ${t.name}`);
  const text = [
    `// Saved by Topograph's debugger from ${options.source} ("Save as test"). The inputs and the outputs they gave`,
    `// are the tables below; a change of the document that changes an output makes this test fail.`,
    `import { describe, expect, it } from 'vitest';`,
    `import { ${['Serdes', 'TopologyTestDriver'].filter((n) => mentions(body, n)).join(', ')} } from '@topograph/runtime';`,
    `import { ${['buildTopology', ...types].join(', ')} } from ${literal(options.topologyModule)};`,
    '',
    'interface Row {',
    '  readonly topic: string;',
    '  readonly key: unknown;',
    '  readonly value: unknown;',
    '  readonly timestamp: number;',
    '}',
    '',
    body,
    '',
  ].join('\n');
  return prettier.format(text, { ...PRETTIER_OPTIONS, filepath: 'recorded.test.ts' });
}
