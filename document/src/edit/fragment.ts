import type { DocumentEdge, DocumentNode, TopologyDocument } from '../schema/document.js';
import { nextEdgeId } from './edge-ids.js';
import { nextNodeId } from './edit.js';

/** A piece of a document, as copy takes it: the chosen nodes and the edges running between them. */
export interface Clip {
  nodes: DocumentNode[];
  edges: DocumentEdge[];
}

export function copyNodes(doc: TopologyDocument, ids: ReadonlySet<string>): Clip {
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/**
 * Adds a clip's nodes to a document under fresh ids (ids are processor names and must stay unique), shifted by
 * `offset`, with their internal edges rewired. Returns the new document and the pasted node ids.
 */
export function pasteClip(
  doc: TopologyDocument,
  clip: Clip,
  offset: { x: number; y: number },
): { doc: TopologyDocument; pasted: string[] } {
  const rename = new Map<string, string>();
  let next: TopologyDocument = doc;
  for (const n of clip.nodes) {
    const id = nextNodeId(next, n.kind);
    rename.set(n.id, id);
    const config = renameConfig(n.config, n.id, id);
    const copy: DocumentNode = {
      ...n,
      id,
      config,
      position: { x: Math.round(n.position.x + offset.x), y: Math.round(n.position.y + offset.y) },
    };
    next = { ...next, nodes: [...next.nodes, copy] };
  }
  const edges = clip.edges.flatMap((e) => {
    const source = rename.get(e.source);
    const target = rename.get(e.target);
    if (source === undefined || target === undefined) return [];
    return [{ ...e, id: nextEdgeId(next, source, target), source, target }];
  });
  next = { ...next, edges: [...next.edges, ...edges] };
  return { doc: next, pasted: [...rename.values()] };
}

/**
 * Names that follow the node's id get the copy's id, so they stay unique: a value equal to the id (the
 * default topic of sources and sinks, a store named like its aggregation) and a store named `<id>-store`, as
 * the examples name theirs.
 */
function renameConfig(config: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config))
    out[k] = typeof v === 'string' && (v === from || v === `${from}-store`) ? v.replace(from, to) : v;
  return out;
}

/** Removes nodes and every edge touching them, plus the given edges. */
export function deleteItems(
  doc: TopologyDocument,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string> = new Set(),
): TopologyDocument {
  if (nodeIds.size === 0 && edgeIds.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: doc.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  };
}
