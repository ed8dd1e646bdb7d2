import { describe, expect, it } from 'vitest';
import { runFingerprint } from '@topograph/api';
import { topologyDocumentSchema } from '@topograph/document';
import { exampleDocument } from './support.js';

describe('run fingerprint (is the running session out of date with the canvas?)', () => {
  const doc = exampleDocument('word-count');

  it('ignores moving nodes and key order, as the document arrives at the host through zod', () => {
    const moved = {
      ...doc,
      nodes: doc.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 7 } })),
    };
    expect(runFingerprint(moved)).toBe(runFingerprint(doc));
    const reordered = JSON.parse(
      JSON.stringify({
        settings: doc.settings,
        edges: doc.edges,
        nodes: doc.nodes,
        types: doc.types,
        name: doc.name,
        version: doc.version,
      }),
    ) as unknown;
    expect(runFingerprint(topologyDocumentSchema.parse(reordered))).toBe(runFingerprint(doc));
  });

  it('changes with a lambda, a serde or an edge', () => {
    const lambda = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'split-words' ? { ...n, config: { ...n.config, mapper: '(v) => [v]' } } : n,
      ),
    };
    const serde = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'text' ? { ...n, config: { ...n.config, valueSerde: 'json' } } : n,
      ),
    };
    const edge = { ...doc, edges: doc.edges.slice(1) };
    const prints = [doc, lambda, serde, edge].map(runFingerprint);
    expect(new Set(prints).size).toBe(4);
  });
});
