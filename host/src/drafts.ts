import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { draftIdSchema, readStoredDraft, StudioApiError, type RecoveredDocument } from '@topograph/api';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Autosaved drafts: one JSON file per draft id in a folder outside the workspace, so unsaved edits survive a
 * crash of the designer (or of the whole machine: each write is atomic) until they are saved or discarded.
 */
export class DraftStore {
  constructor(private readonly dir: string) {}

  async write(draft: string, path: string | null, text: string): Promise<{ savedAt: number }> {
    const savedAt = Date.now();
    const entry: RecoveredDocument = { draft, path, text, savedAt };
    await writeFileAtomic(this.file(draft), JSON.stringify(entry));
    return { savedAt };
  }

  /** Every readable draft, newest first. */
  async list(): Promise<RecoveredDocument[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: RecoveredDocument[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const entry = await this.read(join(this.dir, name));
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** True when there was such a draft. */
  async discard(draft: string): Promise<boolean> {
    const file = this.file(draft);
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    await rm(file, { force: true });
    return existed;
  }

  private async read(file: string): Promise<RecoveredDocument | null> {
    // Writes are atomic, but the folder is the user's: a file edited or truncated by hand is skipped.
    return readStoredDraft(await readFile(file, 'utf8').catch(() => null));
  }

  private file(draft: string): string {
    // The id becomes a file name: the API validates it, and so does this store for callers inside the host.
    if (!draftIdSchema.safeParse(draft).success)
      throw new StudioApiError('invalid-input', `"${draft}" is not a draft id`);
    return join(this.dir, `${draft}.json`);
  }
}
