import { emptyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { focusField } from './focus-field.js';
import { useSelection } from './selection.js';
import { createDesignerStore } from './store.js';
import { useUi } from './ui.js';

describe('focusing a field from the problems panel', () => {
  it('selects its node, asks again on every request, and a load forgets it', () => {
    const store = createDesignerStore(emptyDocument('t'));
    const a = store.getState().addNode('filter', { x: 0, y: 0 });
    useSelection.getState().select([]);
    focusField(a, 'predicate');
    expect([...useSelection.getState().selectedNodes]).toEqual([a]);
    const first = useUi.getState().focus;
    expect(first).toMatchObject({ nodeId: a, field: 'predicate' });
    focusField(a, 'predicate');
    expect(useUi.getState().focus?.seq).not.toBe(first?.seq);
    focusField(a, undefined);
    expect(useUi.getState().focus).toBeNull();
    focusField(a, 'predicate');
    store.getState().load(emptyDocument('other'), null);
    expect(useUi.getState().focus).toBeNull();
  });
});
