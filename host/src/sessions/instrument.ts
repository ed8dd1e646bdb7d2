import {
  analyze,
  sourceHandleOf,
  tapNode,
  type DocumentEdge,
  type TopologyDocument,
} from '@topograph/document';
import { TAP_GLOBAL } from './tap-buffer.js';

export interface Instrumented {
  document: TopologyDocument;
  /** Tap peek node id → the canvas edge it watches. */
  tapEdges: Map<string, string>;
}

/** Node ids of the inserted tap peeks: never shown on the canvas, filtered out of metrics. */
export const TAP_NODE_PREFIX = 'topograph-tap-';

/**
 * Puts a `peek` on every stream edge, calling the session's tap buffer. Records between two processors are
 * never written anywhere, so the only way to see them is to run code on that edge; an inactive tap costs one
 * Set lookup per record. Table and grouped edges cannot carry a peek and are left as they are.
 */
export function instrumentTaps(doc: TopologyDocument): Instrumented {
  const analysis = analyze(doc);
  const tapEdges = new Map<string, string>();
  const nodes = [...doc.nodes];
  const edges: DocumentEdge[] = [];
  doc.edges.forEach((edge, index) => {
    const src = analysis.nodes.get(edge.source);
    const flow = analysis.flows.get(edge.source)?.[sourceHandleOf(edge, src?.spec, src?.config)];
    if (flow?.flow !== 'stream') {
      edges.push(edge);
      return;
    }
    const id = `${TAP_NODE_PREFIX}${index}`;
    tapEdges.set(id, edge.id);
    const source = doc.nodes.find((n) => n.id === edge.source);
    nodes.push(
      tapNode(
        id,
        source?.position ?? { x: 0, y: 0 },
        `(key, value) => (globalThis as unknown as Record<string, (t: string, k: unknown, v: unknown) => void>).${TAP_GLOBAL}(${JSON.stringify(id)}, key, value)`,
      ),
    );
    const into: DocumentEdge = { id: `${id}-in`, source: edge.source, target: id };
    if (edge.sourceHandle !== undefined) into.sourceHandle = edge.sourceHandle;
    const out: DocumentEdge = { id: `${id}-out`, source: id, target: edge.target };
    if (edge.targetHandle !== undefined) out.targetHandle = edge.targetHandle;
    edges.push(into, out);
  });
  return { document: { ...doc, nodes, edges }, tapEdges };
}
