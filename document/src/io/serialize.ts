import {
  CURRENT_VERSION,
  storedDocumentSchema,
  topologyDocumentSchema,
  type StoredDocument,
  type TopologyDocument,
} from '../schema/document.js';
import { getKind } from '../catalog/catalog.js';
import { migrateStored } from '../schema/migrate.js';
import { kindVersionsOf, migrateConfigs } from './kind-migrations.js';
import type { Problem } from '../schema/problem.js';
import { zodIssuesToProblems } from '../schema/zod-problems.js';

export interface LoadResult {
  /** Present when the document could be read (it may still have validation problems). */
  document?: TopologyDocument;
  problems: Problem[];
}

/** Reads a stored document (JSON text or parsed JSON), upgrading older versions. Never throws. */
export function loadDocument(input: string | unknown): LoadResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return {
        problems: [
          { severity: 'error', code: 'document.json', message: `not valid JSON: ${(e as Error).message}` },
        ],
      };
    }
  }
  const migrated = migrateStored(raw, CURRENT_VERSION);
  if ('problem' in migrated) return { problems: [migrated.problem] };
  const configs = migrateConfigs(migrated.doc['nodes'], migrated.doc['kindVersions'], getKind);
  if ('problems' in configs) return { problems: configs.problems };
  const current = { ...migrated.doc, nodes: configs.nodes };
  const parsed = storedDocumentSchema.safeParse(current);
  if (!parsed.success) return { problems: zodIssuesToProblems(parsed.error.issues, current) };
  return { document: fromStored(parsed.data), problems: [] };
}

/** Checks an in-memory document (e.g. one the renderer built) against the schema. */
export function checkDocumentShape(doc: unknown): Problem[] {
  const parsed = topologyDocumentSchema.safeParse(doc);
  return parsed.success ? [] : zodIssuesToProblems(parsed.error.issues, doc);
}

function fromStored(stored: StoredDocument): TopologyDocument {
  return {
    version: CURRENT_VERSION,
    name: stored.name,
    types: stored.types,
    nodes: stored.nodes.map((n) => ({ ...n, position: stored.layout[n.id] ?? { x: 0, y: 0 } })),
    edges: stored.edges,
    settings: stored.settings,
  };
}

/**
 * Writes a document for disk and git: fixed key order, config keys sorted, one edge per line and one layout
 * entry per line (positions rounded to integers) in a `layout` map apart from the logic, trailing newline.
 * The same document always gives the same bytes.
 */
export function serializeDocument(doc: TopologyDocument): string {
  const layout: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) layout[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
  const kindVersions = kindVersionsOf(
    doc.nodes.map((n) => n.kind),
    getKind,
  );
  const stored = {
    version: doc.version,
    // Written only once some kind is past version 1: documents of kinds that never changed keep their bytes.
    kindVersions: Object.keys(kindVersions).length > 0 ? kindVersions : undefined,
    name: doc.name,
    types: doc.types.map((t) => ordered(t, ['name', 'declaration', 'samples'])),
    nodes: doc.nodes.map((n) => ordered({ ...n, position: undefined }, ['id', 'kind', 'label', 'config'])),
    edges: doc.edges.map((e) => ordered(e, ['id', 'source', 'sourceHandle', 'target', 'targetHandle'])),
    layout,
    settings: doc.settings,
  };
  return `${print(stored, '', (path) => isOneLinePath(path))}\n`;
}

/** Paths printed on one line: each edge, each layout entry and each sample record. */
const isOneLinePath = (path: readonly string[]): boolean =>
  (path.length === 2 && (path[0] === 'edges' || path[0] === 'layout')) ||
  (path.length === 4 && path[0] === 'settings' && (path[1] === 'testData' || path[1] === 'expected'));

function ordered(obj: object, keys: readonly string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

function print(
  value: unknown,
  indent: string,
  oneLine: (path: readonly string[]) => boolean,
  path: string[] = [],
): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const compact = oneLine(path);
  // Everything inside a one-line value stays on that line.
  const inner = compact ? indent : `${indent}  `;
  const childOneLine = compact ? () => true : oneLine;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => print(v, inner, childOneLine, [...path, String(i)]));
    return compact ? `[${items.join(', ')}]` : `[\n${items.map((s) => inner + s).join(',\n')}\n${indent}]`;
  }
  const src = value as Record<string, unknown>;
  // Top-level and node field order is chosen by the caller; free-form maps (config, settings) are sorted.
  const keys = Object.keys(src).filter((k) => src[k] !== undefined);
  if (!isCallerOrdered(path)) keys.sort();
  if (keys.length === 0) return '{}';
  const entries = keys.map(
    (k) => `${JSON.stringify(k)}: ${print(src[k], inner, childOneLine, [...path, k])}`,
  );
  return compact
    ? `{ ${entries.join(', ')} }`
    : `{\n${entries.map((s) => inner + s).join(',\n')}\n${indent}}`;
}

/** Objects whose key order was fixed by `ordered` (the root, types, nodes, edges) keep it; the rest sort. */
const isCallerOrdered = (path: readonly string[]): boolean =>
  path.length === 0 || (path.length === 2 && ['types', 'nodes', 'edges'].includes(path[0] ?? ''));

/** Parses and re-serializes, for tests and `topograph fmt`-like uses. */
export const normalizeDocumentText = (text: string): string => {
  const { document, problems } = loadDocument(text);
  if (!document) throw new Error(problems.map((p) => p.message).join('; '));
  return serializeDocument(document);
};
