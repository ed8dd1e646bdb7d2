// The designer's templates run as documented: each example's sample records give its expected outputs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '@topograph/document';
import { runTopology } from '../export/run-topology.js';

const dir = join(import.meta.dirname, '../../../examples');
const examples = readdirSync(dir).filter((f) => f.endsWith('.topology.json'));

describe('examples run on their sample records', () => {
  it.each(examples)('%s', async (f) => {
    const doc = loadDocument(readFileSync(join(dir, f), 'utf8')).document;
    if (!doc) throw new Error(`${f} does not load`);
    const expected = Object.entries(doc.settings.expected ?? {});
    expect(expected.length).toBeGreaterThan(0);
    const result = await runTopology(doc);
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.nodeId ?? ''} ${p.message}`).join('\n'));
    for (const [topic, records] of expected)
      expect(
        result.outputs.filter((o) => o.topic === topic).map(({ key, value }) => ({ key, value })),
        topic,
      ).toEqual(records.map(({ key, value }) => ({ key, value })));
  });
});
