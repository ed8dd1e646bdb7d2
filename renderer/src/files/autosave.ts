import { serializeDocument } from '@topograph/document';
import type { StudioClient } from '../api/client.js';
import type { DesignerStore } from '../store/store.js';
import { notify } from '../store/ui.js';

/** Where the open document's drafts go; `draftSink` sends them to the studio's document calls. */
export interface DraftSink {
  autosave(draft: string, path: string | null, text: string): Promise<void>;
  discardDraft(draft: string): Promise<void>;
}

export const draftSink = (studio: StudioClient): DraftSink => ({
  autosave: async (draft, path, text) => {
    await studio.call('documents.autosave', { draft, path, text });
  },
  discardDraft: async (draft) => {
    await studio.call('documents.discardDraft', { draft });
  },
});

export interface Autosave {
  /** Sends what is pending now; resolves once every call so far has been answered. */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the open document's unsaved edits in its draft through the studio API: shortly after each change while
 * it differs from the saved text. The draft is discarded once the document is saved or reverted, and when
 * another document replaces it (the user agreed to drop its edits then). Calls go out one at a time, in order,
 * so a discard never overtakes the write before it.
 */
export function startAutosave(store: DesignerStore, sink: DraftSink, delayMs = 400): Autosave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue = Promise.resolve();
  /** Drafts this page wrote and has not discarded. */
  const written = new Set<string>();
  /** The last draft written, so a flush with nothing new sends nothing. */
  let last: { draft: string; path: string | null; text: string } | null = null;
  let failing = false;

  const send = (call: () => Promise<void>, undo: () => void) => {
    queue = queue.then(call).then(
      () => {
        failing = false;
      },
      (e: unknown) => {
        undo();
        // One notice per outage, not one per keystroke; the next successful call re-arms it.
        if (!failing)
          notify(
            'error',
            `Autosave failed, unsaved edits are not kept: ${e instanceof Error ? e.message : String(e)}`,
          );
        failing = true;
      },
    );
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const s = store.getState();
    const { draftId: draft, filePath: path } = s;
    for (const old of written)
      if (old !== draft) {
        written.delete(old);
        send(
          () => sink.discardDraft(old),
          () => written.add(old),
        );
      }
    const text = serializeDocument(s.history.present);
    if (text !== s.savedText) {
      if (last?.draft === draft && last.path === path && last.text === text) return queue;
      const sent = { draft, path, text };
      last = sent;
      written.add(draft);
      send(
        () => sink.autosave(draft, path, text),
        () => {
          if (last === sent) last = null;
        },
      );
    } else if (written.delete(draft)) {
      last = null;
      send(
        () => sink.discardDraft(draft),
        () => written.add(draft),
      );
    }
    return queue;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.history.present === prev.history.present &&
      s.savedText === prev.savedText &&
      s.draftId === prev.draftId &&
      s.filePath === prev.filePath
    )
      return;
    clearTimeout(timer);
    if (s.draftId !== prev.draftId) {
      // Another document replaced one the user agreed to drop. Its draft may be on the host though this page
      // never wrote it (a restored draft, unchanged since): discard it now, not after a pause a reload could
      // cut short, or the next start offers the dropped work back.
      if (serializeDocument(prev.history.present) !== prev.savedText) written.add(prev.draftId);
      void flush();
      return;
    }
    timer = setTimeout(() => void flush(), delayMs);
  });
  return {
    flush,
    stop: () => {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
