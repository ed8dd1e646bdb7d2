import { serializeDocument } from '@topograph/codegen';
import type { DesignerStore } from '../store/store.js';

const KEY = 'topograph.recovery';

/** Unsaved work kept across crashes: the document text, the file it belongs to and what was last saved. */
export interface Recovery {
  filePath: string | null;
  text: string;
  savedText: string;
  time: number;
}

export function readRecovery(storage: Storage = localStorage): Recovery | null {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? 'null') as Recovery | null;
    return v && typeof v.text === 'string' && typeof v.savedText === 'string' ? v : null;
  } catch {
    return null;
  }
}

export const clearRecovery = (storage: Storage = localStorage): void => storage.removeItem(KEY);

/**
 * Writes the document to storage shortly after every change while it differs from the saved file, and clears
 * it once saved, so reopening after a crash can offer the unsaved work. Returns the unsubscribe function.
 */
export function startAutosave(
  store: DesignerStore,
  delayMs = 400,
  storage: Storage = localStorage,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const s = store.getState();
    const text = serializeDocument(s.history.present);
    if (text === s.savedText) clearRecovery(storage);
    else
      storage.setItem(
        KEY,
        JSON.stringify({
          filePath: s.filePath,
          text,
          savedText: s.savedText,
          time: Date.now(),
        } satisfies Recovery),
      );
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.history.present === prev.history.present && s.savedText === prev.savedText) return;
    clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
