import { describe, expect, it } from 'vitest';
import { emptyDocument, type TopologyDocument } from '../schema/document.js';
import { newNode } from './edit.js';
import { copyNodes, deleteItems, pasteClip } from './fragment.js';

function chain(): TopologyDocument {
  let doc = emptyDocument('t');
  for (const [kind, x] of [
    ['source.stream', 0],
    ['filter', 200],
    ['count', 400],
  ] as const)
    doc = { ...doc, nodes: [...doc.nodes, newNode(doc, kind, { x, y: 0 })] };
  return {
    ...doc,
    edges: [
      { id: 'e1', source: 'stream', target: 'filter' },
      { id: 'e2', source: 'filter', target: 'count' },
    ],
  };
}

describe('clipboard', () => {
  it('copies the chosen nodes with only the edges between them', () => {
    const clip = copyNodes(chain(), new Set(['filter', 'count']));
    expect(clip.nodes.map((n) => n.id)).toEqual(['filter', 'count']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('pastes under fresh ids, offset, with internal edges rewired', () => {
    const doc = chain();
    const { doc: next, pasted } = pasteClip(doc, copyNodes(doc, new Set(['filter', 'count'])), {
      x: 40,
      y: 40,
    });
    expect(pasted).toEqual(['filter-2', 'count-2']);
    expect(next.nodes.find((n) => n.id === 'filter-2')?.position).toEqual({ x: 240, y: 40 });
    expect(next.edges.slice(2)).toEqual([{ id: 'filter-2->count-2', source: 'filter-2', target: 'count-2' }]);
    expect(next.nodes).toHaveLength(5);
  });

  it('renames a store named after the copied node so names stay unique', () => {
    let doc = chain();
    doc = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'count' ? { ...n, config: { storeName: 'count' } } : n)),
    };
    const { doc: next } = pasteClip(doc, copyNodes(doc, new Set(['count'])), { x: 0, y: 0 });
    expect(next.nodes.find((n) => n.id === 'count-2')?.config).toEqual({ storeName: 'count-2' });
  });

  it('deletes nodes with every edge touching them', () => {
    const doc = chain();
    const next = deleteItems(doc, new Set(['filter']));
    expect(next.nodes.map((n) => n.id)).toEqual(['stream', 'count']);
    expect(next.edges).toEqual([]);
    expect(deleteItems(doc, new Set())).toBe(doc);
    expect(deleteItems(doc, new Set(), new Set(['e1'])).edges.map((e) => e.id)).toEqual(['e2']);
  });
});
