import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  StudioApiError,
  type FileEntry,
  type RecoveredDocument,
  type SavedDocument,
  type Template,
} from '@topograph/api';
import { writeFileAtomic } from './atomic-write.js';

const DOC_SUFFIX = '.topology.json';
const RECENT_LIMIT = 10;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

export interface DocumentStoreOptions {
  /** The folder the designer edits (documents are addressed relative to it). */
  workspace: string;
  /** Per-user state outside the workspace: recent files, autosaves. */
  stateDir: string;
  /** Folder of example documents offered as templates. */
  examplesDir: string;
}

/** Topology documents on disk: listed, opened and saved (atomically, with a backup) inside one workspace. */
export class DocumentStore {
  constructor(private readonly options: DocumentStoreOptions) {}

  get workspace(): string {
    return this.options.workspace;
  }

  /** Resolves a workspace-relative path, refusing anything that escapes the workspace (symlinks aside). */
  resolve(path: string): string {
    const root = resolve(this.options.workspace);
    const full = resolve(root, path);
    if (full !== root && !full.startsWith(root + sep))
      throw new StudioApiError('invalid-input', `"${path}" is outside the workspace`);
    return full;
  }

  async list(): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory() && depth < 4 && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.'))
          await walk(full, depth + 1);
        else if (entry.isFile() && entry.name.endsWith(DOC_SUFFIX)) {
          const s = await stat(full);
          out.push({
            path: relative(this.options.workspace, full).split(sep).join('/'),
            modified: s.mtimeMs,
            size: s.size,
          });
        }
      }
    };
    await walk(this.options.workspace, 0);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  async open(path: string): Promise<{ path: string; text: string }> {
    try {
      const text = await readFile(this.resolve(path), 'utf8');
      await this.remember(path);
      return { path, text };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new StudioApiError('not-found', `no document "${path}" in ${this.options.workspace}`);
      throw e;
    }
  }

  async save(path: string, text: string, overwrite = true): Promise<SavedDocument> {
    const full = this.resolve(path);
    if (!overwrite && (await exists(full)))
      throw new StudioApiError('conflict', `"${path}" exists already; save with overwrite to replace it`);
    const backup = await writeFileAtomic(full, text, true);
    await this.remember(path);
    await this.dropAutosave(path);
    const s = await stat(full);
    return {
      path,
      modified: s.mtimeMs,
      backup: backup === null ? null : relative(this.options.workspace, backup).split(sep).join('/'),
    };
  }

  async recent(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.recentFile(), 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  async templates(): Promise<Template[]> {
    const names = (await readdir(this.options.examplesDir)).filter((n) => n.endsWith(DOC_SUFFIX)).sort();
    return Promise.all(
      names.map(async (name) => {
        const text = await readFile(join(this.options.examplesDir, name), 'utf8');
        const title = name
          .slice(0, -DOC_SUFFIX.length)
          .split('-')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(' ');
        return { name, title, text };
      }),
    );
  }

  /** Keeps unsaved edits outside the workspace so a crash loses at most the last autosave interval. */
  async autosave(path: string, text: string): Promise<{ savedAt: number }> {
    this.resolve(path);
    const savedAt = Date.now();
    await writeFileAtomic(this.autosaveFile(path), JSON.stringify({ path, text, savedAt }));
    return { savedAt };
  }

  async recover(): Promise<RecoveredDocument[]> {
    const dir = join(this.options.stateDir, 'autosave');
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: RecoveredDocument[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as RecoveredDocument;
        if (typeof parsed.path === 'string' && typeof parsed.text === 'string') out.push(parsed);
      } catch {
        // A torn autosave (impossible with atomic writes, but the folder is user-visible) is skipped.
      }
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  }

  private async remember(path: string): Promise<void> {
    const recent = [path, ...(await this.recent()).filter((p) => p !== path)].slice(0, RECENT_LIMIT);
    await mkdir(this.options.stateDir, { recursive: true });
    await writeFileAtomic(this.recentFile(), JSON.stringify(recent));
  }

  private async dropAutosave(path: string): Promise<void> {
    await rm(this.autosaveFile(path), { force: true });
  }

  private recentFile(): string {
    return join(this.options.stateDir, 'recent.json');
  }

  private autosaveFile(path: string): string {
    return join(this.options.stateDir, 'autosave', `${encodeURIComponent(path)}.json`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
