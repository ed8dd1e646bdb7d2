import { emptyDocument, serializeDocument } from '@topograph/document';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesignerStore, type DesignerStore } from '../store/store.js';
import { startAutosave, type Autosave, type DraftSink } from './autosave.js';
import { useUi } from '../store/ui.js';

/** Records the calls the autosave makes, as the host would see them. */
function recordingSink(fail = () => false) {
  const calls: string[] = [];
  const drafts = new Map<string, { path: string | null; text: string }>();
  const sink: DraftSink = {
    autosave: async (draft, path, text) => {
      if (fail()) throw new Error('host gone');
      calls.push(`autosave ${draft}`);
      drafts.set(draft, { path, text });
    },
    discardDraft: async (draft) => {
      if (fail()) throw new Error('host gone');
      calls.push(`discard ${draft}`);
      drafts.delete(draft);
    },
  };
  return { sink, calls, drafts };
}

let store: DesignerStore;
let autosave: Autosave | undefined;
beforeEach(() => {
  store = createDesignerStore();
});
afterEach(() => autosave?.stop());

const addSource = () => store.getState().addNode('source.stream', { x: 0, y: 0 });
const text = () => serializeDocument(store.getState().history.present);

describe('autosave', () => {
  it('writes the edited document to its draft once the edits pause, with its file path', async () => {
    vi.useFakeTimers();
    try {
      const { sink, calls, drafts } = recordingSink();
      autosave = startAutosave(store, sink, 400);
      store.getState().load(emptyDocument('doc'), 'doc.topology.json');
      addSource();
      addSource();
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(400);
      await autosave.flush();
      const id = store.getState().draftId;
      expect(calls.filter((c) => c.startsWith('autosave'))).toEqual([`autosave ${id}`]);
      expect(drafts.get(id)).toEqual({ path: 'doc.topology.json', text: text() });
    } finally {
      vi.useRealTimers();
    }
  });

  it('discards the draft once the document is saved, and again holds edits made after', async () => {
    const { sink, drafts } = recordingSink();
    autosave = startAutosave(store, sink);
    addSource();
    await autosave.flush();
    const id = store.getState().draftId;
    expect(drafts.has(id)).toBe(true);
    store.getState().markSaved('a.topology.json');
    await autosave.flush();
    expect(drafts.size).toBe(0);
    addSource();
    await autosave.flush();
    expect(drafts.get(id)).toEqual({ path: 'a.topology.json', text: text() });
  });

  it('discards the draft when undo brings the document back to the saved text', async () => {
    const { sink, drafts } = recordingSink();
    autosave = startAutosave(store, sink);
    addSource();
    await autosave.flush();
    store.getState().undo();
    await autosave.flush();
    expect(drafts.size).toBe(0);
  });

  it("discards the replaced document's draft when another document is loaded", async () => {
    const { sink, drafts, calls } = recordingSink();
    autosave = startAutosave(store, sink);
    addSource();
    await autosave.flush();
    const first = store.getState().draftId;
    store.getState().load(emptyDocument('other'), null);
    await autosave.flush();
    expect(store.getState().draftId).not.toBe(first);
    expect(calls.at(-1)).toBe(`discard ${first}`);
    expect(drafts.size).toBe(0);
  });

  it('discards a restored draft dropped unchanged for another document (the page never wrote it)', async () => {
    const { sink, drafts, calls } = recordingSink();
    const restoredText = serializeDocument({
      ...emptyDocument('restored'),
      settings: { applicationId: 'r' },
    });
    // Left on the host by the page before the reload; this page only restored it.
    drafts.set('restored-draft', { path: null, text: restoredText });
    const restored = { ...emptyDocument('restored'), settings: { applicationId: 'r' } };
    store.getState().load(restored, null, serializeDocument(emptyDocument('restored')), 'restored-draft');
    autosave = startAutosave(store, sink);
    // "Discard changes" agreed, then another document opens.
    store.getState().load(emptyDocument('other'), null);
    await autosave.flush();
    expect(calls).toEqual(['discard restored-draft']);
    expect(drafts.size).toBe(0);
  });

  it('discards the dropped draft at once, not after the pause (a reload right after would keep it)', async () => {
    vi.useFakeTimers();
    try {
      const { sink, drafts } = recordingSink();
      autosave = startAutosave(store, sink, 400);
      addSource();
      await autosave.flush();
      expect(drafts.size).toBe(1);
      store.getState().load(emptyDocument('other'), null);
      await vi.advanceTimersByTimeAsync(0);
      expect(drafts.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('continues a restored draft under its own id', async () => {
    const { sink, drafts } = recordingSink();
    autosave = startAutosave(store, sink);
    const restored = { ...emptyDocument('restored'), settings: { applicationId: 'restored' } };
    store.getState().load(restored, null, serializeDocument(emptyDocument('restored')), 'restored-draft');
    await autosave.flush();
    expect([...drafts.keys()]).toEqual(['restored-draft']);
  });

  it('says once that autosave fails, and writes again when the host is back', async () => {
    let down = true;
    const { sink, drafts } = recordingSink(() => down);
    autosave = startAutosave(store, sink);
    addSource();
    await autosave.flush();
    const failure = useUi.getState().notice;
    expect(failure?.text).toMatch(/^Autosave failed, unsaved edits are not kept: host gone/);
    addSource();
    await autosave.flush();
    expect(useUi.getState().notice).toBe(failure);
    down = false;
    addSource();
    await autosave.flush();
    expect(drafts.get(store.getState().draftId)?.text).toBe(text());
  });
});
