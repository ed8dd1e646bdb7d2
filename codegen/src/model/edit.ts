import { getKind } from '../catalog/catalog.js';
import type { DocumentNode, Position, TopologyDocument } from './document.js';

/** A fresh node id for a kind: `filter`, `filter-2`, … (ids become processor names, so keep them readable). */
export function nextNodeId(doc: TopologyDocument, kind: string): string {
  const base = (kind.split('.').pop() ?? kind).replace(/[^A-Za-z0-9_-]/g, '') || 'node';
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
