import { StudioError, type FileEntry, type StudioClient } from './client.js';

const PREFIX = 'topograph.file:';

/**
 * Files kept in the browser's localStorage: the transport when the page runs without a host (a static build
 * opened on its own). Paths are plain names such as `word-count.topology.json`.
 */
export function localStudio(storage: Storage = window.localStorage): StudioClient {
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
      const text = storage.getItem(PREFIX + path);
      if (text === null) throw new StudioError(`no file "${path}" in browser storage`);
      return text;
    },
    writeDocument: async (path, text) => {
      if (!/\S/.test(path)) throw new StudioError('a file needs a name');
      storage.setItem(PREFIX + path, text);
      storage.setItem(`${PREFIX}${path}#modified`, String(Date.now()));
    },
    generate: null,
    exportProject: null,
    parse: null,
  };
}
