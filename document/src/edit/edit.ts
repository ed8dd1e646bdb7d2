import { getKind } from '../catalog/catalog.js';
import {
  NODE_ID_PATTERN,
  type DocumentNode,
  type Position,
  type TopologyDocument,
} from '../schema/document.js';

/** A fresh node id for a kind: `filter`, `filter-2`, … (ids become processor names, so keep them readable). */
export function nextNodeId(doc: TopologyDocument, kind: string): string {
  const base =
    getKind(kind)?.idBase ?? ((kind.split('.').pop() ?? kind).replace(/[^A-Za-z0-9_-]/g, '') || 'node');
  const taken = new Set(doc.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A node of `kind` with the catalog's default config, placed at `position` (rounded to whole pixels). */
export function newNode(doc: TopologyDocument, kind: string, position: Position): DocumentNode {
  const spec = getKind(kind);
  if (!spec) throw new Error(`unknown node kind "${kind}"`);
  const id = nextNodeId(doc, kind);
  return {
    id,
    kind,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: spec.defaults(id) as Record<string, unknown>,
  };
}

/**
 * The document with a node's id changed everywhere it is referenced (edges), or why it cannot be. The id names
 * the node's processor (and, for groupings, its repartition topic) and the variable of its code.
 */
export function renameNode(
  doc: TopologyDocument,
  from: string,
  to: string,
): { document: TopologyDocument } | { error: string } {
  const id = to.trim();
  if (id === from) return { document: doc };
  if (!NODE_ID_PATTERN.test(id))
    return { error: `"${id}" is not a valid id: a letter, then letters, digits, "-" or "_"` };
  if (doc.nodes.some((n) => n.id === id)) return { error: `another node is "${id}" already` };
  if (!doc.nodes.some((n) => n.id === from)) return { error: `there is no node "${from}"` };
  return {
    document: {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === from ? { ...n, id } : n)),
      edges: doc.edges.map((e) => ({
        ...e,
        source: e.source === from ? id : e.source,
        target: e.target === from ? id : e.target,
      })),
    },
  };
}
