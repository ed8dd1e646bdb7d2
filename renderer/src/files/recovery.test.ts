import { emptyDocument, serializeDocument } from '@topograph/document';
import { StudioApiError } from '@topograph/api';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Draft, StudioClient } from '../api/client.js';
import { isDirty, useDesigner } from '../store/store.js';
import { restoreDraft } from './recovery.js';
import { useUi } from '../store/ui.js';

const saved = serializeDocument({ ...emptyDocument('a'), settings: { applicationId: 'saved' } });
const edited = serializeDocument({ ...emptyDocument('a'), settings: { applicationId: 'edited' } });

/** Only what restoring reads: the draft's file. */
const studioWith = (files: Record<string, string>) =>
  ({
    call: async (_name: 'documents.open', { path }: { path: string }) => {
      const text = files[path];
      if (text === undefined) throw new StudioApiError('not-found', `no document "${path}"`);
      return { path, text };
    },
  }) as Partial<StudioClient> as StudioClient;

const draft = (path: string | null, text = edited): Draft => ({
  draft: 'draft-0001',
  path,
  text,
  savedAt: 1,
});

beforeEach(() => useDesigner.getState().load(emptyDocument('untitled'), null));

describe('restoring a draft', () => {
  it('opens the file with the unsaved edits on top, dirty, continuing the draft', async () => {
    expect(await restoreDraft(studioWith({ 'a.topology.json': saved }), draft('a.topology.json'))).toBe(true);
    const s = useDesigner.getState();
    expect([s.filePath, s.savedText, s.draftId]).toEqual(['a.topology.json', saved, 'draft-0001']);
    expect(serializeDocument(s.history.present)).toBe(edited);
    expect(isDirty(s)).toBe(true);
  });

  it('restores an untitled draft as an unsaved, untitled document', async () => {
    expect(await restoreDraft(studioWith({}), draft(null))).toBe(true);
    const s = useDesigner.getState();
    expect(s.filePath).toBeNull();
    expect(serializeDocument(s.history.present)).toBe(edited);
    expect(isDirty(s)).toBe(true);
  });

  it('restores the work on a file deleted since, unsaved', async () => {
    expect(await restoreDraft(studioWith({}), draft('gone.topology.json'))).toBe(true);
    expect(isDirty(useDesigner.getState())).toBe(true);
  });

  it('reports a draft that is not a document and keeps the open one', async () => {
    const before = useDesigner.getState().history.present;
    expect(await restoreDraft(studioWith({}), draft(null, 'not json'))).toBe(false);
    expect(useDesigner.getState().history.present).toBe(before);
    expect(useUi.getState().notice?.text).toMatch(/^Cannot restore the unsaved work/);
  });
});
