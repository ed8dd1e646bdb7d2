import type { KindSpec } from '../kind/spec.js';
import type { Problem } from '../schema/problem.js';

// Each kind versions its own config (as tldraw versions each record type): a kind can rename or reshape a
// field with a migration on its catalog entry, without a document-wide version step. A stored document names
// the config version of every kind it holds above 1 (`kindVersions`); a kind it does not name is at 1.

/** The config version a kind's entry is at (1 until its config first changes shape). */
export const configVersionOf = (spec: KindSpec): number => spec.configVersion ?? 1;

/** What a stored document records: the config version of each kind it uses that is past 1, by kind name. */
export function kindVersionsOf(
  kinds: Iterable<string>,
  lookup: (kind: string) => KindSpec | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of [...new Set(kinds)].sort()) {
    const spec = lookup(kind);
    if (spec && configVersionOf(spec) > 1) out[kind] = configVersionOf(spec);
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Brings each stored node's config up to its kind's current version. Nodes of kinds the catalog does not know
 * are left alone (validation reports them); a config newer than its kind, or a missing step, is a problem.
 */
export function migrateConfigs(
  nodes: unknown,
  kindVersions: unknown,
  lookup: (kind: string) => KindSpec | undefined,
): { nodes: unknown } | { problems: Problem[] } {
  if (!Array.isArray(nodes)) return { nodes };
  const stored = isRecord(kindVersions) ? kindVersions : {};
  const problems: Problem[] = [];
  const out = nodes.map((node: unknown) => {
    if (!isRecord(node) || typeof node['kind'] !== 'string' || !isRecord(node['config'])) return node;
    const kind = node['kind'];
    const spec = lookup(kind);
    if (!spec) return node;
    const nodeId = typeof node['id'] === 'string' ? node['id'] : undefined;
    const problem = (message: string): unknown => {
      problems.push({ severity: 'error', code: 'config.version', message, ...(nodeId ? { nodeId } : {}) });
      return node;
    };
    const from = stored[kind] ?? 1;
    const to = configVersionOf(spec);
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
      return problem(`kindVersions.${kind} is not a version number`);
    if (from > to)
      return problem(`${spec.label} config version ${from} is newer than this Topograph understands (${to})`);
    let config = node['config'];
    for (let v = from; v < to; v++) {
      const step = spec.configMigrations?.[v];
      if (!step) return problem(`${spec.label} has no config migration from version ${v}`);
      config = step(config);
    }
    return config === node['config'] ? node : { ...node, config };
  });
  return problems.length > 0 ? { problems } : { nodes: out };
}
