import { analyze, type DocumentEdge, type TopologyDocument } from '@topograph/document';
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
    const flows = analysis.flows.get(edge.source);
    const flow = flows ? (edge.sourceHandle ? flows[edge.sourceHandle] : Object.values(flows)[0]) : undefined;
    if (flow?.flow !== 'stream') {
      edges.push(edge);
      return;
    }
    const id = `${TAP_NODE_PREFIX}${index}`;
    tapEdges.set(id, edge.id);
    const source = doc.nodes.find((n) => n.id === edge.source);
    nodes.push({
      id,
      kind: 'peek',
      position: source?.position ?? { x: 0, y: 0 },
      config: {
        action: `(key, value) => (globalThis as unknown as Record<string, (t: string, k: unknown, v: unknown) => void>).${TAP_GLOBAL}(${JSON.stringify(id)}, key, value)`,
      },
    });
    const into: DocumentEdge = { id: `${id}-in`, source: edge.source, target: id };
    if (edge.sourceHandle !== undefined) into.sourceHandle = edge.sourceHandle;
    const out: DocumentEdge = { id: `${id}-out`, source: id, target: edge.target };
    if (edge.targetHandle !== undefined) out.targetHandle = edge.targetHandle;
    edges.push(into, out);
  });
  return { document: { ...doc, nodes, edges }, tapEdges };
}
