import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../schema/document.js';
import { addNode, connect, moveNodes, updateConfig, updateLabel } from './operations.js';

describe('edit operations', () => {
  const two = () => {
    const a = addNode(emptyDocument('t'), 'source.stream', { x: 0.4, y: 10.6 });
    return addNode(a.doc, 'filter', { x: 200, y: 0 }).doc;
  };

  it('adds a node with its kind defaults under a fresh id, at a whole-pixel position', () => {
    const { doc, id } = addNode(emptyDocument('t'), 'source.stream', { x: 0.4, y: 10.6 });
    expect(id).toBe('stream');
    expect(doc.nodes).toEqual([
      {
        id: 'stream',
        kind: 'source.stream',
        position: { x: 0, y: 11 },
        config: { topic: 'stream', keySerde: 'string', valueSerde: 'string' },
      },
    ]);
    expect(addNode(doc, 'source.stream', { x: 0, y: 0 }).id).toBe('stream-2');
  });

  it('connects with an edge named after its ends, leaving the default handles off', () => {
    const result = connect(two(), 'stream', 'out', 'filter', 'in');
    expect(result).toMatchObject({
      doc: { edges: [{ id: 'stream->filter', source: 'stream', target: 'filter' }] },
    });
    if (!('doc' in result)) throw new Error('refused');
    expect(result.doc.edges[0]).toEqual({ id: 'stream->filter', source: 'stream', target: 'filter' });
  });

  it('says why the catalog refuses an edge', () => {
    expect(connect(two(), 'filter', null, 'stream', null)).toEqual({ reason: expect.any(String) });
    expect(connect(two(), 'stream', null, 'stream', null)).toEqual({ reason: 'a node cannot feed itself' });
  });

  it('sets and removes config fields, sets and clears labels, and moves nodes', () => {
    let doc = updateConfig(two(), 'filter', 'predicate', '(k, v) => true');
    expect(doc.nodes[1]?.config['predicate']).toBe('(k, v) => true');
    doc = updateConfig(doc, 'filter', 'predicate', undefined);
    expect('predicate' in (doc.nodes[1]?.config ?? {})).toBe(false);
    doc = updateLabel(doc, 'filter', 'Keep big ones');
    expect(doc.nodes[1]?.label).toBe('Keep big ones');
    expect('label' in (updateLabel(doc, 'filter', '  ').nodes[1] ?? {})).toBe(false);
    expect(moveNodes(doc, new Map([['stream', { x: 5.5, y: -3.2 }]])).nodes[0]?.position).toEqual({
      x: 6,
      y: -3,
    });
  });
});
