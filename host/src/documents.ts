import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  StudioApiError,
  templateTitle,
  type FileEntry,
  type RecoveredDocument,
  type SavedDocument,
  type Template,
} from '@topograph/api';
import { writeFileAtomic } from './atomic-write.js';
import { DraftStore } from './drafts.js';
import { ensurePrivateFolder, PRIVATE_DIR_MODE } from './private-folders.js';

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
  /** Recent files and drafts of this workspace: paths are workspace-relative, so each workspace keeps its own. */
  private readonly workspaceState: string;
  private readonly draftsDir: string;
  private readonly drafts: DraftStore;

  constructor(private readonly options: DocumentStoreOptions) {
    const key = createHash('sha256').update(resolve(options.workspace)).digest('hex').slice(0, 16);
    this.workspaceState = join(options.stateDir, 'workspaces', key);
    this.draftsDir = join(this.workspaceState, 'drafts');
    this.drafts = new DraftStore(this.draftsDir);
  }

  /**
   * Creates the workspace and this store's state folders 0700, or checks the existing ones; throws
   * ForeignOwnerError when another user owns one. Run once before serving (see private-folders.ts).
   */
  async prepare(uid?: number): Promise<void> {
    await ensurePrivateFolder(this.options.workspace, { uid });
    for (const dir of [this.options.stateDir, this.workspaceState, this.draftsDir])
      await ensurePrivateFolder(dir, { uid, tighten: true });
  }

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
      const copy = entries.some((e) => e.isFile() && e.name === 'package.json')
        ? await exportedCopy(join(dir, 'package.json'))
        : null;
      for (const entry of entries) {
        if (entry.name === copy) continue;
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

  /** Writes a document; `draft` names the autosaved draft the save supersedes, which is then discarded. */
  async save(path: string, text: string, overwrite = true, draft?: string): Promise<SavedDocument> {
    const full = this.resolve(path);
    if (!overwrite && (await exists(full)))
      throw new StudioApiError('conflict', `"${path}" exists already; save with overwrite to replace it`);
    const backup = await writeFileAtomic(full, text, true);
    await this.remember(path);
    if (draft !== undefined) await this.drafts.discard(draft);
    // Other drafts of this file holding exactly what was saved have nothing left to recover.
    for (const d of await this.drafts.list())
      if (d.path === path && d.text === text) await this.drafts.discard(d.draft);
    const s = await stat(full);
    return {
      path,
      modified: s.mtimeMs,
      backup: backup === null ? null : relative(this.options.workspace, backup).split(sep).join('/'),
    };
  }

  /** Recently opened or saved documents of this workspace, newest first; files since deleted are left out. */
  async recent(): Promise<string[]> {
    const listed = await this.recentList();
    const present = await Promise.all(
      listed.map(async (p) => {
        try {
          return (await stat(this.resolve(p))).isFile();
        } catch {
          return false; // deleted, or not a workspace path (the list is a user-visible file)
        }
      }),
    );
    return listed.filter((_, i) => present[i]);
  }

  async templates(): Promise<Template[]> {
    const names = (await readdir(this.options.examplesDir)).filter((n) => n.endsWith(DOC_SUFFIX)).sort();
    return Promise.all(
      names.map(async (name) => {
        const text = await readFile(join(this.options.examplesDir, name), 'utf8');
        return { name, title: templateTitle(name), text };
      }),
    );
  }

  /** Keeps unsaved edits outside the workspace so a crash loses at most the last autosave interval. */
  async autosave(draft: string, path: string | null, text: string): Promise<{ savedAt: number }> {
    if (path !== null) this.resolve(path);
    return this.drafts.write(draft, path, text);
  }

  /**
   * Drafts to offer after a crash, newest first. A draft whose file now holds exactly its text (saved by another
   * window, or saved just before a crash cut the discard short) is dropped instead of offered.
   */
  async recover(): Promise<RecoveredDocument[]> {
    const out: RecoveredDocument[] = [];
    for (const d of await this.drafts.list()) {
      const onDisk = d.path === null ? null : await this.readIfPresent(d.path);
      if (onDisk === d.text) await this.drafts.discard(d.draft);
      else out.push(d);
    }
    return out;
  }

  async discardDraft(draft: string): Promise<{ discarded: boolean }> {
    return { discarded: await this.drafts.discard(draft) };
  }

  /** A document's text, or null when it is missing or its path is not a workspace path (a hand-edited draft). */
  private async readIfPresent(path: string): Promise<string | null> {
    try {
      return await readFile(this.resolve(path), 'utf8');
    } catch {
      return null;
    }
  }

  private async recentList(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.recentFile(), 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  private async remember(path: string): Promise<void> {
    const recent = [path, ...(await this.recentList()).filter((p) => p !== path)].slice(0, RECENT_LIMIT);
    await mkdir(this.workspaceState, { recursive: true, mode: PRIVATE_DIR_MODE });
    await writeFileAtomic(this.recentFile(), JSON.stringify(recent));
  }

  private recentFile(): string {
    return join(this.workspaceState, 'recent.json');
  }
}

/**
 * The document copy an exported project keeps (its package.json's `topograph.document`): the project's record
 * of what it was generated from, not a document of the workspace to open and edit.
 */
async function exportedCopy(packageJson: string): Promise<string | null> {
  try {
    const pkg: unknown = JSON.parse(await readFile(packageJson, 'utf8'));
    const marker = typeof pkg === 'object' && pkg !== null && 'topograph' in pkg ? pkg.topograph : null;
    const document =
      typeof marker === 'object' && marker !== null && 'document' in marker ? marker.document : null;
    return typeof document === 'string' ? document : null;
  } catch {
    return null; // not JSON: an ordinary folder
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
