import type { Studio } from '@topograph/api';
import type { StudioClient } from './client.js';

/** The designer's client over the typed studio API (both transports implement `Studio`). */
export function studioClient(studio: Studio): StudioClient {
  return {
    workspace: 'workspace',
    listDocuments: async () =>
      (await studio.call('documents.list', {})).map((f) => ({ path: f.path, modified: f.modified })),
    readDocument: async (path) => (await studio.call('documents.open', { path })).text,
    writeDocument: async (path, text, draft) => {
      await studio.call('documents.save', draft === undefined ? { path, text } : { path, text, draft });
    },
    recentDocuments: () => studio.call('documents.recent', {}),
    templates: () => studio.call('documents.templates', {}),
    autosave: async (draft, path, text) => {
      await studio.call('documents.autosave', { draft, path, text });
    },
    recover: () => studio.call('documents.recover', {}),
    discardDraft: async (draft) => {
      await studio.call('documents.discardDraft', { draft });
    },
    generate: async (document, sourceName) => {
      const r = await studio.call(
        'codegen.generate',
        sourceName === undefined ? { document } : { document, sourceName },
      );
      return { files: r.files.map((f) => ({ path: f.path, text: f.content })), diagnostics: r.diagnostics };
    },
    exportProject: async (document, dir) => {
      const r = await studio.call('codegen.export', { document, dir });
      return { dir: r.dir, files: r.files, diagnostics: r.diagnostics };
    },
    compat: (baseline, current) => studio.call('compat.check', { baseline, current }),
    parse: async (source, base) => {
      const r = await studio.call('codegen.parse', base ? { source, base } : { source });
      return { document: r.document, problems: r.problems };
    },
  };
}
