import { readStoredDraft } from '@topograph/api';
import type { Draft } from './client.js';

const PREFIX = 'topograph.draft:';

/**
 * Autosaved drafts in browser storage for the no-host transport, kept by the host's rules: one entry per draft
 * id; saving drops the draft it supersedes and any draft of that file holding exactly the saved text; a draft
 * whose file holds its text is not offered.
 */
export class LocalDrafts {
  constructor(
    private readonly storage: Storage,
    /** The saved text of a file, or null when there is none. */
    private readonly fileText: (path: string) => string | null,
  ) {}

  /** Keeps the draft; returns when it was saved. */
  write(draft: string, path: string | null, text: string): number {
    const savedAt = Date.now();
    this.storage.setItem(PREFIX + draft, JSON.stringify({ draft, path, text, savedAt } satisfies Draft));
    return savedAt;
  }

  /** Drops the draft; returns whether there was one. */
  discard(draft: string): boolean {
    const had = this.storage.getItem(PREFIX + draft) !== null;
    this.storage.removeItem(PREFIX + draft);
    return had;
  }

  saved(path: string, text: string, draft: string | undefined): void {
    if (draft !== undefined) this.discard(draft);
    for (const d of this.all()) if (d.path === path && d.text === text) this.discard(d.draft);
  }

  recover(): Draft[] {
    return this.all().filter((d) => {
      const stale = d.path !== null && this.fileText(d.path) === d.text;
      if (stale) this.discard(d.draft);
      return !stale;
    });
  }

  private all(): Draft[] {
    const out: Draft[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key === null || !key.startsWith(PREFIX)) continue;
      const d = readStoredDraft(this.storage.getItem(key));
      if (d) out.push(d);
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  }
}
