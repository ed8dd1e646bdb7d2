import { StudioApiError } from '@topograph/api';
import { StudioError, type FileEntry, type StudioClient } from './client.js';
import { LocalDrafts } from './local-drafts.js';

const PREFIX = 'topograph.file:';
const RECENT = 'topograph.recent';
const RECENT_LIMIT = 10;

/**
 * Files kept in the browser's localStorage: the transport when the page runs without a host (a static build
 * opened on its own). Paths are plain names such as `word-count.topology.json`. Recent files and autosaved
 * drafts follow the host's rules, in the same storage.
 */
export function localStudio(storage: Storage = window.localStorage): StudioClient {
  const fileText = (path: string) => storage.getItem(PREFIX + path);
  const drafts = new LocalDrafts(storage, fileText);
  const recent = (): string[] => {
    try {
      const v = JSON.parse(storage.getItem(RECENT) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const remember = (path: string) =>
    storage.setItem(
      RECENT,
      JSON.stringify([path, ...recent().filter((p) => p !== path)].slice(0, RECENT_LIMIT)),
    );
  return {
    workspace: 'browser storage',
    listDocuments: async () => {
      const out: FileEntry[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key === null || !key.startsWith(PREFIX)) continue;
        const meta = storage.getItem(`${key}#modified`);
        if (key.endsWith('#modified')) continue;
        out.push({ path: key.slice(PREFIX.length), modified: meta === null ? 0 : Number(meta) });
      }
      return out.sort((a, b) => a.path.localeCompare(b.path));
    },
    readDocument: async (path) => {
      const text = fileText(path);
      if (text === null) throw new StudioApiError('not-found', `no file "${path}" in browser storage`);
      remember(path);
      return text;
    },
    writeDocument: async (path, text, draft) => {
      if (!/\S/.test(path)) throw new StudioError('a file needs a name');
      storage.setItem(PREFIX + path, text);
      storage.setItem(`${PREFIX}${path}#modified`, String(Date.now()));
      remember(path);
      drafts.saved(path, text, draft);
    },
    recentDocuments: async () => recent().filter((p) => fileText(p) !== null),
    templates: async () => (await import('./bundled-templates.js')).BUNDLED_TEMPLATES,
    autosave: async (draft, path, text) => drafts.write(draft, path, text),
    recover: async () => drafts.recover(),
    discardDraft: async (draft) => drafts.discard(draft),
    generate: null,
    exportProject: null,
    parse: null,
    compat: null,
  };
}
