import { describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import { parse } from '../parser/parse.js';
import { mutateText, prng, randomDocument } from '@topograph/document/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument } from '@topograph/document';

describe('fuzz: the generator and parser never crash', () => {
  it('generates a sample of random documents, and reads each result back', async () => {
    const rand = prng(424242);
    for (let i = 0; i < 40; i++) {
      const doc = randomDocument(rand);
      const result = await generate(doc, { typeCheck: i % 20 === 0 });
      expect(result.files).toHaveLength(1);
      const parsed = parse(result.files[0]?.content ?? '');
      expect(Array.isArray(parsed.problems)).toBe(true);
      // Generated code is all readable: the parser's check for code it would drop finds nothing in it.
      expect(
        parsed.problems.filter((p) => p.code === 'parse.leftover' || p.code === 'parse.outside'),
      ).toEqual([]);
    }
  });

  it('parses 200 mutated versions of generated code with a document or located problems', async () => {
    const doc = loadDocument(
      readFileSync(join(import.meta.dirname, '../../../examples/clickstream.topology.json'), 'utf8'),
    ).document;
    if (!doc) throw new Error('example does not load');
    const code = (await generate(doc, { typeCheck: false })).files[0]?.content ?? '';
    const rand = prng(5);
    for (let i = 0; i < 200; i++) {
      const { document, problems } = parse(mutateText(code, rand));
      expect(Array.isArray(document.nodes)).toBe(true);
      for (const p of problems) expect(p.line).toBeGreaterThan(0);
    }
  });
});
