import { describe, expect, it } from 'vitest';
import { loadDocument, serializeDocument } from './serialize.js';
import { doc, stringSource } from '../testing/documents.js';

const changedLines = (a: string, b: string): string[] => {
  const la = a.split('\n');
  const lb = b.split('\n');
  expect(lb.length).toBe(la.length);
  return la.flatMap((line, i) => (line === lb[i] ? [] : [`-${line}`, `+${lb[i] ?? ''}`]));
};

const sample = doc(
  [stringSource('in'), { id: 'keep', kind: 'filter', config: { predicate: '(k, v) => v.length > 0' } }],
  [['in', 'keep']],
);

describe('document serialization', () => {
  it('gives the same bytes for the same document, whatever the key order in memory', () => {
    const shuffled = JSON.parse(JSON.stringify(sample)) as typeof sample;
    shuffled.nodes[0] = {
      config: { valueSerde: 'string', keySerde: 'string', topic: 'in' },
      position: { y: 0, x: 0 },
      kind: 'source.stream',
      id: 'in',
    };
    expect(serializeDocument(shuffled)).toBe(serializeDocument(sample));
  });

  it('round-trips through load', () => {
    const text = serializeDocument(sample);
    const loaded = loadDocument(text);
    expect(loaded.problems).toEqual([]);
    expect(loaded.document).toEqual(sample);
    expect(serializeDocument(loaded.document!)).toBe(text);
  });

  it('changes exactly one line when a node moves, and rounds positions to integers', () => {
    const before = serializeDocument(sample);
    const moved = structuredClone(sample);
    moved.nodes[1]!.position = { x: 512.4, y: -33.6 } as never;
    expect(changedLines(before, serializeDocument(moved))).toEqual([
      '-    "keep": { "x": 200, "y": 0 }',
      '+    "keep": { "x": 512, "y": -34 }',
    ]);
  });

  it('never touches layout lines when logic changes', () => {
    const before = serializeDocument(sample);
    const edited = structuredClone(sample);
    edited.nodes[1]!.config['predicate'] = '(k, v) => v.startsWith("a")';
    const diff = changedLines(before, serializeDocument(edited));
    expect(diff).toHaveLength(2);
    expect(diff.join('\n')).toContain('predicate');
    expect(diff.join('\n')).not.toMatch(/"x":/);
  });

  it('upgrades a version 1 document (positions inline) to version 2 (layout map)', () => {
    const v1 = {
      version: 1,
      name: 'old',
      types: [],
      nodes: [
        { id: 'in', kind: 'source.stream', position: { x: 10.6, y: 20 }, config: stringSource('in').config },
      ],
      edges: [],
      settings: {},
    };
    const loaded = loadDocument(JSON.stringify(v1));
    expect(loaded.problems).toEqual([]);
    expect(loaded.document?.version).toBe(2);
    expect(loaded.document?.nodes[0]?.position).toEqual({ x: 11, y: 20 });
    expect(serializeDocument(loaded.document!)).toContain('"in": { "x": 11, "y": 20 }');
  });

  it('reports unreadable input with a reason instead of throwing', () => {
    expect(loadDocument('{ nope').problems[0]?.code).toBe('document.json');
    expect(loadDocument('[]').problems[0]?.code).toBe('document.shape');
    expect(loadDocument({ version: 99 }).problems[0]?.message).toMatch(/newer/);
    expect(loadDocument({ version: 0 }).problems[0]?.message).toMatch(/no migration/);
    const bad = loadDocument({ version: 2, name: 'x', nodes: [{ id: '1bad', kind: 'filter', config: {} }] });
    expect(bad.problems[0]?.message).toMatch(/nodes\.0\.id/);
  });
});
