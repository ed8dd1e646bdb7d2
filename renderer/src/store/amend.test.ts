import { emptyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { createDesignerStore } from './store.js';

describe('a change the designer makes itself', () => {
  it('joins the undo step of the edit that caused it: one undo takes back both', () => {
    const store = createDesignerStore(emptyDocument('t'));
    const before = store.getState().history.present;
    const id = store.getState().addNode('join.streamTable', { x: 0, y: 0 });
    const added = store.getState().history.present;
    const node = added.nodes.find((n) => n.id === id);
    if (!node) throw new Error('not added');
    store.getState().amend({
      ...added,
      nodes: [{ ...node, config: { ...node.config, valueType: '{ page: string }' } }],
    });
    expect(store.getState().history.present.nodes[0]?.config['valueType']).toBe('{ page: string }');
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().history.present).toBe(before);
    store.getState().redo();
    expect(store.getState().history.present.nodes[0]?.config['valueType']).toBe('{ page: string }');
  });
});
