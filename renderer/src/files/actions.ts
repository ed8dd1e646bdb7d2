import {
  emptyDocument,
  importDescribe,
  loadDocument,
  serializeDocument,
  type TopologyDocument,
} from '@topograph/document';
import type { StudioClient, Template } from '../api/client.js';
import { autoLayout } from '../canvas/layout.js';
import { measuredSizes } from '../canvas/Canvas.js';
import { isDirty, useDesigner } from '../store/store.js';
import { askConfirm, askText } from '../ui/ask.js';
import { confirmUpgradeSafe } from '../upgrade/save-guard.js';
import { UNTITLED, withIdentity } from './identity.js';
import { notify } from '../store/ui.js';

export const FILE_SUFFIX = '.topology.json';

/** Asks before throwing away unsaved changes; true when it is fine to go on. */
export async function confirmDiscard(): Promise<boolean> {
  const s = useDesigner.getState();
  if (!isDirty(s)) return true;
  return askConfirm({
    title: 'Discard unsaved changes?',
    message: `${s.filePath ?? s.history.present.name} has changes that are not saved. They will be lost.`,
    confirm: 'Discard changes',
    cancel: 'Keep editing',
    danger: true,
  });
}

export async function newDocument(): Promise<void> {
  if (!(await confirmDiscard())) return;
  useDesigner.getState().load(emptyDocument('untitled'), null);
}

/** Reads document text; reports problems instead of throwing. */
function readText(text: string, source: string): TopologyDocument | null {
  const { document, problems } = loadDocument(text);
  if (!document) {
    notify('error', `Cannot open ${source}: ${problems.map((p) => p.message).join('; ')}`);
    return null;
  }
  return document;
}

export async function openFile(studio: StudioClient, path: string): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    const { text } = await studio.call('documents.open', { path });
    const doc = readText(text, path);
    if (!doc) return;
    useDesigner.getState().load(doc, path, serializeDocument(doc));
    notify('info', `Opened ${path}`);
  } catch (e) {
    notify('error', (e as Error).message);
  }
}

export async function openTemplate(t: Template): Promise<void> {
  if (!(await confirmDiscard())) return;
  const doc = readText(t.text, `template ${t.title}`);
  // A template is a starting point, not a file: it opens without a file, and clean, since nothing of it is
  // lost by leaving it unchanged (a dirty template was autosaved as a draft and offered back on the next start).
  if (doc) useDesigner.getState().load(doc, null);
}

/** A workspace-relative document path, or why it is not one. */
export function checkDocumentPath(value: string): string | null {
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return 'Give a path inside the workspace';
  if (value.split(/[\\/]/).some((part) => part === '..')) return 'The path may not leave the workspace';
  if (/[\\/]$/.test(value)) return 'Give a file name';
  return null;
}

export async function saveAs(studio: StudioClient, suggested?: string): Promise<boolean> {
  const s = useDesigner.getState();
  const base = suggested ?? s.filePath ?? `${s.history.present.name}${FILE_SUFFIX}`;
  const answer = await askText({
    title: 'Save topology as',
    label: 'File name in the workspace',
    initial: base,
    confirm: 'Save',
    help: `Saved as <name>${FILE_SUFFIX}; an untitled document takes the name as its name and application id.`,
    validate: checkDocumentPath,
  });
  if (answer === null) return false;
  const path = answer.endsWith(FILE_SUFFIX) ? answer : `${answer}${FILE_SUFFIX}`;
  // An untitled document takes the name it is saved under.
  const now = useDesigner.getState();
  const named = withIdentity(now.history.present, path);
  if (named !== now.history.present) now.change(named);
  return writeTo(studio, path);
}

export async function save(studio: StudioClient): Promise<boolean> {
  const path = useDesigner.getState().filePath;
  return path === null ? saveAs(studio) : writeTo(studio, path);
}

async function writeTo(studio: StudioClient, path: string): Promise<boolean> {
  if (!(await confirmUpgradeSafe(studio))) return false;
  const s = useDesigner.getState();
  try {
    const text = serializeDocument(s.history.present);
    await studio.call('documents.save', { path, text, draft: s.draftId });
    // Edits made while the file was written stay unsaved (and autosaved), not marked saved.
    useDesigner.getState().markSaved(path, text);
    notify('info', `Saved ${path}`);
    return true;
  } catch (e) {
    notify('error', `Save failed: ${(e as Error).message}`);
    return false;
  }
}

/**
 * Exports the document as a standalone project (`npm install && npm test && npm start`) into a workspace folder
 * the user names; the host's export checks the path and writes the files.
 */
export async function exportProjectTo(studio: StudioClient): Promise<boolean> {
  const host = studio.host;
  if (!host) {
    notify('error', 'Exporting a project needs the Topograph host: start the designer with npm start');
    return false;
  }
  const doc = useDesigner.getState().history.present;
  const answer = await askText({
    title: 'Export project',
    label: 'Folder in the workspace',
    initial: `${doc.name}-project`,
    confirm: 'Export',
    help:
      doc.name === UNTITLED
        ? 'A standalone npm project; the untitled document takes the folder’s name (without “-project”).'
        : `A standalone npm project for "${doc.name}": code, a test of the sample records, package.json.`,
    validate: (v) => (checkDocumentPath(v) === null ? null : 'Give a folder inside the workspace'),
  });
  if (answer === null) return false;
  // An untitled document takes its name from the folder (without a "-project" ending), as Save as does.
  const s = useDesigner.getState();
  const folder = answer.split(/[\\/]/).filter(Boolean).pop() ?? answer;
  const named = withIdentity(s.history.present, `${folder.replace(/-project$/, '') || folder}${FILE_SUFFIX}`);
  if (named !== s.history.present) s.change(named);
  try {
    // The host refuses a document whose code has errors, with the reason; what comes back is exported.
    const { dir, files } = await host.call('codegen.export', { document: named, dir: answer });
    notify('info', `Exported ${files.length} files to ${dir} in the workspace`);
    return true;
  } catch (e) {
    notify('error', `Export failed: ${(e as Error).message}`);
    return false;
  }
}

/**
 * Imports a Topology#describe() text as a new, unsaved canvas laid out with elkjs. False when the user kept the
 * open document; a text that cannot be imported throws, for the import dialog to show.
 */
export async function importDescribeText(text: string): Promise<boolean> {
  const { document, unknown } = importDescribe(text);
  if (!(await confirmDiscard())) return false;
  const positions = await autoLayout(document, new Map());
  const doc = {
    ...document,
    nodes: document.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
  useDesigner.getState().load(doc, null, serializeDocument(emptyDocument(doc.name)));
  notify(
    'info',
    `Imported ${doc.nodes.length} nodes${unknown.length > 0 ? `; custom processors: ${unknown.join(', ')}` : ''}`,
  );
  return true;
}

/** Lays out the current document with elkjs as one undoable step. */
export async function layoutDocument(): Promise<void> {
  const s = useDesigner.getState();
  const doc = s.history.present;
  const positions = await autoLayout(doc, measuredSizes);
  if (useDesigner.getState().history.present !== doc) return;
  s.change({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
}
