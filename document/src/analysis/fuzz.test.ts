import { describe, expect, it } from 'vitest';
import { canConnect } from './connect.js';
import { loadDocument, serializeDocument } from '../io/serialize.js';
import { validateDocument } from './validate.js';
import { mutateText, prng, randomDocument } from '../testing/random-documents.js';

const RUNS = 3000;

describe('fuzz: loader, validator and canConnect never crash', () => {
  it(`validates ${RUNS} random documents, each with a result`, () => {
    const rand = prng(20261123);
    let withErrors = 0;
    for (let i = 0; i < RUNS; i++) {
      const doc = randomDocument(rand);
      const { problems } = validateDocument(doc);
      for (const p of problems) expect(typeof p.message).toBe('string');
      if (problems.some((p) => p.severity === 'error')) withErrors++;
      const a = doc.nodes[Math.floor(rand() * doc.nodes.length)];
      const b = doc.nodes[Math.floor(rand() * doc.nodes.length)];
      if (a && b) {
        const r = canConnect(doc, a.id, rand() < 0.5 ? null : 'out', b.id, rand() < 0.5 ? null : 'right');
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      }
      // Whatever validation says, a document of the right shape serializes and loads back unchanged.
      const text = serializeDocument(doc);
      const back = loadDocument(text);
      if (back.document) expect(serializeDocument(back.document)).toBe(text);
    }
    // The generator of random documents must produce both kinds, or the test proves little.
    expect(withErrors).toBeGreaterThan(RUNS / 10);
    expect(withErrors).toBeLessThan(RUNS);
  });

  it(`loads ${RUNS} mutated document texts with a document or a clear problem`, () => {
    const rand = prng(7);
    for (let i = 0; i < RUNS; i++) {
      const text = mutateText(serializeDocument(randomDocument(rand)), rand);
      const r = loadDocument(text);
      if (!r.document) {
        expect(r.problems.length).toBeGreaterThan(0);
        expect(r.problems[0]?.message.length).toBeGreaterThan(0);
      } else {
        validateDocument(r.document);
      }
    }
  });

  it('loads arbitrary JSON values without throwing', () => {
    const rand = prng(99);
    const values: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { version: '2' },
      { version: 2 },
      { version: 1, nodes: 'x' },
    ];
    for (let i = 0; i < 200; i++)
      values.push({ version: Math.floor(rand() * 4), nodes: [{ id: rand() }], edges: {} });
    for (const v of values)
      expect(loadDocument(v).problems.length + (loadDocument(v).document ? 1 : 0)).toBeGreaterThan(0);
  });
});
