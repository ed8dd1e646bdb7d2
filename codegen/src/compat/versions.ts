// Node-only: reads a version (a document, generated code or a describe() text) from a file.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from '../parser/parse.js';
import { describeCode, describeDocument } from './describe-document.js';
import {
  type TopologyDocument,
  loadDocument,
  footprintFromDescribe,
  footprintFromDocument,
  type Footprint,
} from '@topograph/document';

export type VersionFormat = 'document' | 'code' | 'describe';

export interface Version {
  file: string;
  format: VersionFormat;
  footprint: Footprint;
  /** Its describe() text (run from the code for documents and code). */
  describe: string;
  /** The document (for code, as parsed back): what fixes edit. */
  document?: TopologyDocument;
}

export const formatOf = (file: string, text: string): VersionFormat =>
  /\.json$/.test(file) || /^\s*\{/.test(text) ? 'document' : /\.[cm]?ts$/.test(file) ? 'code' : 'describe';

/**
 * Reads one version. Code is run for its describe() (the names it really makes) and parsed back into a
 * document for what describe() does not print; the `<name>.topology.json` beside it, when there is one, gives
 * the parse its settings (application id, partition counts). A describe() text knows no application id:
 * `applicationId` gives it one (documents and code have their own).
 */
export async function readVersion(file: string, applicationId?: string): Promise<Version> {
  const text = await readFile(file, 'utf8');
  const format = formatOf(file, text);
  if (format === 'document') {
    const { document, problems } = loadDocument(text);
    if (!document) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    const describe = await describeDocument(document);
    return { file, format, document, describe, footprint: footprintFromDocument(document, describe) };
  }
  if (format === 'code') {
    const sibling = join(
      dirname(file),
      `${basename(file).replace(/\.topology\.[cm]?ts$|\.[cm]?ts$/, '')}.topology.json`,
    );
    const base = existsSync(sibling) ? loadDocument(await readFile(sibling, 'utf8')).document : undefined;
    const doc = parse(text, base ? { base } : {}).document;
    const describe = await describeCode(text);
    return { file, format, document: doc, describe, footprint: footprintFromDocument(doc, describe) };
  }
  return { file, format, describe: text, footprint: footprintFromDescribe(text, applicationId ?? null) };
}
