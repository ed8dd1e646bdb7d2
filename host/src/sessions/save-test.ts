// "Save as test": a recording decoded with its topics' serdes and written as a vitest test beside the
// document, next to the code generated from the document (which the test imports).
import { basename } from 'node:path';
import type { TopicSerdes } from '@topograph/api';
import type { TopologyDocument } from '@topograph/document';
import { generate, recordedTest, type RecordedValue } from '@topograph/codegen';
import { parseRecording, Serdes, type Serde } from '@topograph/runtime';
import { testPathFor } from './recording-files.js';

const TOPOLOGY_SUFFIX = '.topology.ts';

export interface SavedTest {
  /** The test file and the generated code it imports, workspace-relative. */
  readonly test: string;
  readonly topology: string;
  readonly inputs: number;
  readonly outputs: number;
}

function serde(name: string): Serde<unknown> {
  const factory = (Serdes as unknown as Record<string, (() => Serde<unknown>) | undefined>)[name];
  if (!factory) throw new Error(`unknown serde "${name}"`);
  return factory();
}

export async function saveRecordingAsTest(
  document: TopologyDocument,
  documentPath: string,
  recordingText: string,
  topics: readonly TopicSerdes[],
  write: (path: string, text: string) => Promise<void>,
): Promise<SavedTest> {
  const recording = parseRecording(recordingText);
  if (recording.dropped > 0)
    throw new Error(
      `the recording lost its first ${recording.dropped} records to its size limit; a test needs the run from its start`,
    );
  const serdes = new Map(
    topics.map((t) => [t.topic, { key: serde(t.keySerde), value: serde(t.valueSerde) }]),
  );
  const decode = (
    topic: string,
    key: Uint8Array | null,
    value: Uint8Array | null,
  ): RecordedValue['key'][] => {
    const s = serdes.get(topic);
    if (!s) throw new Error(`no serdes known for topic "${topic}"`);
    return [
      key === null ? null : s.key.deserialize(key, topic),
      value === null ? null : s.value.deserialize(value, topic),
    ];
  };
  const values = recording.records.map((r) => {
    const [key, value] = decode(r.topic, r.key, r.value);
    return { direction: r.direction, record: { topic: r.topic, key, value, timestamp: r.timestamp } };
  });
  const topologyPath = `${documentPath.slice(0, -'.topology.json'.length)}${TOPOLOGY_SUFFIX}`;
  const testPath = testPathFor(documentPath);
  const inputs = values.filter((v) => v.direction === 'in').map((v) => v.record);
  const outputs = values.filter((v) => v.direction === 'out').map((v) => v.record);
  const text = await recordedTest(document, inputs, outputs, {
    topologyModule: `./${basename(topologyPath, '.ts')}.js`,
    source: `a run of ${basename(documentPath)}`,
  });
  const code = (await generate(document)).files[0]?.content;
  if (code === undefined) throw new Error('the document generated no code');
  await write(topologyPath, code);
  await write(testPath, text);
  return { test: testPath, topology: topologyPath, inputs: inputs.length, outputs: outputs.length };
}
