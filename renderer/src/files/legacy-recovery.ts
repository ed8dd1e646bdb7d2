import { StudioApiError } from '@topograph/api';
import { newDraftId } from '../store/store.js';
import type { DraftSink } from './autosave.js';

/** Where designers before the host kept drafts held their one recovery. */
const LEGACY_KEY = 'topograph.recovery';

/**
 * Moves unsaved work an older designer left in browser storage into a draft, so upgrading loses nothing. The
 * entry is removed only once the draft is written; until then it is tried again on every start.
 */
export async function adoptLegacyRecovery(
  sink: Pick<DraftSink, 'autosave'>,
  storage: Storage,
): Promise<void> {
  const raw = storage.getItem(LEGACY_KEY);
  if (raw === null) return;
  let entry: { filePath?: unknown; text?: unknown };
  try {
    entry = JSON.parse(raw) as typeof entry;
  } catch {
    storage.removeItem(LEGACY_KEY);
    return;
  }
  const { text } = entry;
  if (typeof text === 'string') {
    const path = typeof entry.filePath === 'string' ? entry.filePath : null;
    const draft = newDraftId();
    // Browser-storage file names were free-form; one the host refuses keeps the work as an untitled draft.
    await sink.autosave(draft, path, text).catch((e: unknown) => {
      if (path !== null && e instanceof StudioApiError && e.code === 'invalid-input')
        return sink.autosave(draft, null, text);
      throw e;
    });
  }
  storage.removeItem(LEGACY_KEY);
}
