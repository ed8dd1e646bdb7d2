import type { Problem } from './problem.js';

/**
 * Upgrades of older stored documents, one step per version. Each step takes the raw JSON of version N and
 * returns raw JSON of version N + 1; the result is validated by the current schema afterwards.
 */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v1 kept each node's position inline (`nodes[].position`, fractional pixels). v2 moves positions into a
 * `layout` map of integer coordinates so layout and logic diff separately.
 */
const v1ToV2: Migration = (doc) => {
  const layout: Record<string, { x: number; y: number }> = {};
  const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
  const migratedNodes = nodes.map((node: unknown) => {
    if (!isRecord(node)) return node;
    const { position, ...rest } = node;
    if (typeof rest['id'] === 'string' && isRecord(position)) {
      layout[rest['id']] = {
        x: Math.round(Number(position['x']) || 0),
        y: Math.round(Number(position['y']) || 0),
      };
    }
    return rest;
  });
  return { ...doc, version: 2, nodes: migratedNodes, layout };
};

const MIGRATIONS: Record<number, Migration> = { 1: v1ToV2 };

/** Brings raw stored JSON up to the current version, or explains why it cannot. */
export function migrateStored(
  raw: unknown,
  currentVersion: number,
): { doc: Record<string, unknown> } | { problem: Problem } {
  if (!isRecord(raw)) {
    return {
      problem: { severity: 'error', code: 'document.shape', message: 'a topology document is a JSON object' },
    };
  }
  let doc = raw;
  let version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      problem: {
        severity: 'error',
        code: 'document.version',
        message: 'the document has no integer "version"',
      },
    };
  }
  if (version > currentVersion) {
    return {
      problem: {
        severity: 'error',
        code: 'document.version',
        message: `document version ${version} is newer than this Topograph understands (${currentVersion})`,
      },
    };
  }
  while (version < currentVersion) {
    const step = MIGRATIONS[version];
    if (!step) {
      return {
        problem: {
          severity: 'error',
          code: 'document.version',
          message: `no migration from version ${version}`,
        },
      };
    }
    doc = step(doc);
    version = doc['version'];
    if (typeof version !== 'number') throw new Error('a migration must set the version it produces');
  }
  return { doc };
}
