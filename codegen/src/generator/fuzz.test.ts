import { describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import { parse } from '../parser/parse.js';
import { prng, randomDocument } from '../testing/random-documents.js';

describe('fuzz: the generator and parser never crash', () => {
  it('generates a sample of random documents, and reads each result back', async () => {
    const rand = prng(424242);
    for (let i = 0; i < 60; i++) {
      const doc = randomDocument(rand);
      const result = await generate(doc, { typeCheck: i % 20 === 0 });
      expect(result.files).toHaveLength(1);
      const parsed = parse(result.files[0]?.content ?? '');
      expect(Array.isArray(parsed.problems)).toBe(true);
    }
  });
});
