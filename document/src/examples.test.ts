import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument, serializeDocument, validateDocument, hasErrors } from './index.js';

const examplesDir = join(import.meta.dirname, '../../examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.topology.json'));

describe('examples/*.topology.json', () => {
  it('has the three designer templates', () => {
    expect(examples.sort()).toEqual(
      expect.arrayContaining([
        'clickstream.topology.json',
        'stock-stats.topology.json',
        'word-count.topology.json',
      ]),
    );
  });

  it.each(examples)('%s is stored in canonical form and validates without errors', (f) => {
    const text = readFileSync(join(examplesDir, f), 'utf8');
    const loaded = loadDocument(text);
    expect(loaded.problems).toEqual([]);
    expect(serializeDocument(loaded.document!)).toBe(text);
    const problems = validateDocument(loaded.document!).problems;
    expect(hasErrors(problems), JSON.stringify(problems)).toBe(false);
  });
});
