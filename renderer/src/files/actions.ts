import { emptyDocument, loadDocument, serializeDocument, type TopologyDocument } from '@topograph/codegen';
import type { StudioClient, Template } from '../api/client.js';
import { autoLayout } from '../canvas/layout.js';
import { measuredSizes } from '../canvas/Canvas.js';
import { importDescribe } from '../import/describe.js';
import { isDirty, useDesigner } from '../store/store.js';

export const FILE_SUFFIX = '.topology.json';

/** Asks before throwing away unsaved changes; true when it is fine to go on. */
export function confirmDiscard(): boolean {
  return !isDirty(useDesigner.getState()) || window.confirm('Discard unsaved changes?');
}

export function newDocument(): void {
  if (!confirmDiscard()) return;
  useDesigner.getState().load(emptyDocument('untitled'), null);
}

/** Reads document text; reports problems instead of throwing. */
function readText(text: string, source: string): TopologyDocument | null {
  const { document, problems } = loadDocument(text);
  if (!document) {
    useDesigner
      .getState()
      .notify('error', `Cannot open ${source}: ${problems.map((p) => p.message).join('; ')}`);
    return null;
  }
  return document;
}

export async function openFile(studio: StudioClient, path: string): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    const text = await studio.readDocument(path);
    const doc = readText(text, path);
    if (!doc) return;
    useDesigner.getState().load(doc, path, serializeDocument(doc));
    useDesigner.getState().notify('info', `Opened ${path}`);
  } catch (e) {
    useDesigner.getState().notify('error', (e as Error).message);
  }
}

export function openTemplate(t: Template): void {
  if (!confirmDiscard()) return;
  const doc = readText(t.text, `template ${t.title}`);
  // A template is a starting point, not a file: it opens unsaved and untitled.
  if (doc) useDesigner.getState().load(doc, null, serializeDocument(emptyDocument(doc.name)));
}

export async function saveAs(studio: StudioClient, suggested?: string): Promise<boolean> {
  const s = useDesigner.getState();
  const base = suggested ?? s.filePath ?? `${s.history.present.name}${FILE_SUFFIX}`;
  const answer = window.prompt('Save topology as', base);
  if (answer === null || answer.trim() === '') return false;
  const path = answer.trim().endsWith(FILE_SUFFIX) ? answer.trim() : `${answer.trim()}${FILE_SUFFIX}`;
  return writeTo(studio, path);
}

export async function save(studio: StudioClient): Promise<boolean> {
  const path = useDesigner.getState().filePath;
  return path === null ? saveAs(studio) : writeTo(studio, path);
}

async function writeTo(studio: StudioClient, path: string): Promise<boolean> {
  const s = useDesigner.getState();
  try {
    const text = serializeDocument(s.history.present);
    await studio.writeDocument(path, text, s.draftId);
    // Edits made while the file was written stay unsaved (and autosaved), not marked saved.
    useDesigner.getState().markSaved(path, text);
    useDesigner.getState().notify('info', `Saved ${path}`);
    return true;
  } catch (e) {
    useDesigner.getState().notify('error', `Save failed: ${(e as Error).message}`);
    return false;
  }
}

/**
 * Exports the document as a standalone project (`npm install && npm test && npm start`) into a workspace folder
 * the user names; the host's export checks the path and writes the files.
 */
export async function exportProjectTo(studio: StudioClient): Promise<boolean> {
  const notify = useDesigner.getState().notify;
  if (!studio.exportProject) {
    notify('error', 'Exporting a project needs the Topograph host: start the designer with npm start');
    return false;
  }
  const doc = useDesigner.getState().history.present;
  const answer = window.prompt('Export the project into this workspace folder', `${doc.name}-project`);
  if (answer === null || answer.trim() === '') return false;
  try {
    // The host refuses a document whose code has errors, with the reason; what comes back is exported.
    const { dir, files } = await studio.exportProject(doc, answer.trim());
    notify('info', `Exported ${files.length} files to ${dir} in the workspace`);
    return true;
  } catch (e) {
    notify('error', `Export failed: ${(e as Error).message}`);
    return false;
  }
}

/** Imports a Topology#describe() text as a new, unsaved canvas laid out with elkjs. */
export async function importDescribeText(text: string): Promise<boolean> {
  if (!confirmDiscard()) return false;
  try {
    const { document, unknown } = importDescribe(text);
    const positions = await autoLayout(document, new Map());
    const doc = {
      ...document,
      nodes: document.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
    };
    useDesigner.getState().load(doc, null, serializeDocument(emptyDocument(doc.name)));
    useDesigner
      .getState()
      .notify(
        'info',
        `Imported ${doc.nodes.length} nodes${unknown.length > 0 ? `; custom processors: ${unknown.join(', ')}` : ''}`,
      );
    return true;
  } catch (e) {
    useDesigner.getState().notify('error', `Import failed: ${(e as Error).message}`);
    return false;
  }
}

/** Lays out the current document with elkjs as one undoable step. */
export async function layoutDocument(): Promise<void> {
  const s = useDesigner.getState();
  const doc = s.history.present;
  const positions = await autoLayout(doc, measuredSizes);
  if (useDesigner.getState().history.present !== doc) return;
  s.change({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
}
