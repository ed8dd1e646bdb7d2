import { loadDocument } from '@topograph/document';
import type { Draft, StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { draftSink } from './autosave.js';
import { adoptLegacyRecovery } from './legacy-recovery.js';
import { notify } from '../store/ui.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * What the designer starts with: the drafts of pages that closed without saving, to offer in a banner, and
 * behind it the example named by `?example=`, else the document opened last (a reload goes on where it was),
 * else word count (as README's quick start promises); `?empty` starts empty. The offer never replaces the
 * document: an empty canvas behind it left a user who asked for an example with nothing. Never rejects: a host
 * that cannot answer is reported and the designer starts empty.
 */
export async function startDocument(
  studio: StudioClient,
  params: URLSearchParams,
  storage: Storage,
): Promise<Draft[]> {
  let drafts: Draft[] = [];
  try {
    await adoptLegacyRecovery(draftSink(studio), storage);
  } catch (e) {
    notify('error', `Cannot keep the unsaved work an older version left in this browser: ${message(e)}`);
  }
  try {
    drafts = await studio.call('documents.recover', {});
  } catch (e) {
    notify('error', `Cannot look for unsaved work: ${message(e)}`);
  }
  if (params.has('empty')) return drafts;
  if (!params.has('example') && (await openLast(studio))) return drafts;
  const name = `${params.get('example') ?? 'word-count'}.topology.json`;
  try {
    const template = (await studio.call('documents.templates', {})).find((t) => t.name === name);
    const document = template && loadDocument(template.text).document;
    if (document) useDesigner.getState().load(document, null);
  } catch (e) {
    notify('error', `Cannot open the example ${name}: ${message(e)}`);
  }
  return drafts;
}

/** Opens the most recent document of the workspace; false when there is none or it cannot be read. */
async function openLast(studio: StudioClient): Promise<boolean> {
  let path: string | undefined;
  try {
    path = (await studio.call('documents.recent', {}))[0];
    if (path === undefined) return false;
    const document = loadDocument((await studio.call('documents.open', { path })).text).document;
    if (!document) return false;
    useDesigner.getState().load(document, path);
    return true;
  } catch (e) {
    notify('error', `Cannot reopen ${path ?? 'the last document'}: ${message(e)}`);
    return false;
  }
}
