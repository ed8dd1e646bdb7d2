import { emptyDocument, serializeDocument } from '@topograph/document';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSelection } from './selection.js';
import { createDesignerStore, isDirty } from './store.js';

const ids = (s: ReadonlySet<string>) => [...s].sort();

beforeEach(() => useSelection.getState().select([]));

describe('the selection, a store of its own', () => {
  it('is no undo step and leaves the document clean', () => {
    const store = createDesignerStore(emptyDocument('t'));
    const a = store.getState().addNode('source.stream', { x: 0, y: 0 });
    store.getState().markSaved('t.topology.json');
    const history = store.getState().history;
    useSelection.getState().select([]);
    useSelection.getState().select([a]);
    store.getState().selectAll();
    expect(store.getState().history).toBe(history);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().undo();
    expect(store.getState().history.present.nodes).toEqual([]);
  });

  it('follows the edits that select what they made, and undo drops what it takes away', () => {
    const store = createDesignerStore(emptyDocument('t'));
    const a = store.getState().addNode('source.stream', { x: 0, y: 0 });
    expect(ids(useSelection.getState().selectedNodes)).toEqual([a]);
    const b = store.getState().addNode('filter', { x: 200, y: 0 });
    store.getState().selectAll();
    expect(ids(useSelection.getState().selectedNodes)).toEqual([a, b].sort());
    store.getState().undo();
    expect(ids(useSelection.getState().selectedNodes)).toEqual([a]);
    store.getState().redo();
    // Redo brings the node back but not its selection: selecting was never part of the step.
    expect(ids(useSelection.getState().selectedNodes)).toEqual([a]);
  });

  it('copies, pastes and deletes what is selected, and a load selects nothing', () => {
    const store = createDesignerStore(emptyDocument('t'));
    const a = store.getState().addNode('source.stream', { x: 0, y: 0 });
    expect(
      store
        .getState()
        .copySelection()
        ?.nodes.map((n) => n.id),
    ).toEqual([a]);
    store.getState().paste();
    const pasted = ids(useSelection.getState().selectedNodes);
    expect(pasted).toHaveLength(1);
    expect(pasted).not.toEqual([a]);
    store.getState().deleteSelection();
    expect(useSelection.getState().selectedNodes.size).toBe(0);
    expect(store.getState().history.present.nodes.map((n) => n.id)).toEqual([a]);
    useSelection.getState().select([a]);
    store.getState().load(emptyDocument('other'), null, serializeDocument(emptyDocument('other')));
    expect(useSelection.getState().selectedNodes.size).toBe(0);
  });
});
