import { nextNodeId, type DocumentEdge, type DocumentNode, type TopologyDocument } from '@topograph/document';

/** What copy puts on the clipboard: the chosen nodes and the edges running between them. */
export interface Clip {
  nodes: DocumentNode[];
  edges: DocumentEdge[];
}

export const CLIP_MIME = 'application/x-topograph-clip';

export function copyNodes(doc: TopologyDocument, ids: ReadonlySet<string>): Clip {
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/** Reads a clip back from clipboard text; null when the text is not one of ours. */
export function parseClip(text: string): Clip | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; nodes?: unknown; edges?: unknown };
    if (v.type !== CLIP_MIME || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return null;
    return { nodes: v.nodes as DocumentNode[], edges: v.edges as DocumentEdge[] };
  } catch {
    return null;
  }
}

export const clipText = (clip: Clip): string => JSON.stringify({ type: CLIP_MIME, ...clip });

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

/** Store and processor names default to the node id; a copy gets names of its own so they stay unique. */
function renameConfig(config: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config))
    out[k] = typeof v === 'string' && (v === from || v === `${from}-store`) ? v.replace(from, to) : v;
  return out;
}

export function nextEdgeId(doc: TopologyDocument, source: string, target: string): string {
  const taken = new Set(doc.edges.map((e) => e.id));
  const base = `${source}->${target}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
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
