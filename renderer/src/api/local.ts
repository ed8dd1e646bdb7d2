import { StudioApiError, type CallInput, type CallResult, type FileEntry } from '@topograph/api';
import type { DocumentCall, StudioClient } from './client.js';
import { LocalDrafts } from './local-drafts.js';

const PREFIX = 'topograph.file:';
const RECENT = 'topograph.recent';
const RECENT_LIMIT = 10;

type Handlers = { [N in DocumentCall]: (input: CallInput<N>) => Promise<CallResult<N>> };

/**
 * Files kept in the browser's localStorage: the transport when the page runs without a host (a static build
 * opened on its own). It answers the document calls with the host's result types; paths are plain names such as
 * `word-count.topology.json`. Recent files and autosaved drafts follow the host's rules, in the same storage.
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
  const handlers: Handlers = {
    'documents.list': async () => {
      const out: FileEntry[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key === null || !key.startsWith(PREFIX)) continue;
        const meta = storage.getItem(`${key}#modified`);
        if (key.endsWith('#modified')) continue;
        const size = new TextEncoder().encode(storage.getItem(key) ?? '').length;
        out.push({ path: key.slice(PREFIX.length), modified: meta === null ? 0 : Number(meta), size });
      }
      return out.sort((a, b) => a.path.localeCompare(b.path));
    },
    'documents.open': async ({ path }) => {
      const text = fileText(path);
      if (text === null) throw new StudioApiError('not-found', `no file "${path}" in browser storage`);
      remember(path);
      return { path, text };
    },
    'documents.save': async ({ path, text, draft }) => {
      if (!/\S/.test(path)) throw new StudioApiError('invalid-input', 'a file needs a name');
      const modified = Date.now();
      storage.setItem(PREFIX + path, text);
      storage.setItem(`${PREFIX}${path}#modified`, String(modified));
      remember(path);
      drafts.saved(path, text, draft);
      return { path, modified, backup: null };
    },
    'documents.recent': async () => recent().filter((p) => fileText(p) !== null),
    'documents.templates': async () => (await import('./bundled-templates.js')).BUNDLED_TEMPLATES,
    'documents.autosave': async ({ draft, path, text }) => ({ savedAt: drafts.write(draft, path, text) }),
    'documents.recover': async () => drafts.recover(),
    'documents.discardDraft': async ({ draft }) => ({ discarded: drafts.discard(draft) }),
  };
  return {
    workspace: 'browser storage',
    call: (name, input) => handlers[name](input),
    host: null,
  };
}
