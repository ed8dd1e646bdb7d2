import { StudioApiError } from '@topograph/api';
import { emptyDocument, loadDocument, serializeDocument } from '@topograph/document';
import type { Draft, StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { confirmDiscard } from './actions.js';
import { notify } from '../store/ui.js';

/**
 * Opens a draft left by a page that closed without saving: its file (or an untitled document) with the draft's
 * edits on top, unsaved, continuing the same draft. False when it was not restored (the user kept the open
 * document, or the draft is unreadable; the reason is shown).
 */
export async function restoreDraft(studio: StudioClient, draft: Draft): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  const { document, problems } = loadDocument(draft.text);
  if (!document) {
    notify('error', `Cannot restore the unsaved work: ${problems.map((p) => p.message).join('; ')}`);
    return false;
  }
  const savedText =
    draft.path === null
      ? serializeDocument(emptyDocument(document.name))
      : await savedTextOf(studio, draft.path);
  if (savedText === null) return false;
  useDesigner.getState().load(document, draft.path, savedText, draft.draft);
  return true;
}

/**
 * What the draft's file holds now, as the designer would write it, so the restored document is dirty exactly where
 * it differs. A file deleted since gives '', so the restored work stays unsaved until saved again.
 */
async function savedTextOf(studio: StudioClient, path: string): Promise<string | null> {
  let text: string;
  try {
    text = (await studio.call('documents.open', { path })).text;
  } catch (e) {
    if (e instanceof StudioApiError && e.code === 'not-found') return '';
    notify('error', `Cannot restore the unsaved work on ${path}: ${(e as Error).message}`);
    return null;
  }
  const { document } = loadDocument(text);
  return document ? serializeDocument(document) : text;
}
