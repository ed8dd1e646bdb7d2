import { canConnect } from '../analysis/connect.js';
import type { DocumentNode, Position, TopologyDocument } from '../schema/document.js';
import { nextEdgeId } from './edge-ids.js';
import { newNode } from './edit.js';

// The designer's edits as pure functions of the document: the store records what they return as undo steps.

/** The document with a new node of `kind` at `position`, and the new node's id. */
export function addNode(
  doc: TopologyDocument,
  kind: string,
  position: Position,
): { doc: TopologyDocument; id: string } {
  const node = newNode(doc, kind, position);
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id: node.id };
}

/**
 * The document with an edge from `source`'s output to `target`'s input, or why the catalog refuses it. The
 * default handles (`out`, `in`) are left off the edge, as the document stores them.
 */
export function connect(
  doc: TopologyDocument,
  source: string,
  sourceHandle: string | null,
  target: string,
  targetHandle: string | null,
): { doc: TopologyDocument } | { reason: string } {
  const verdict = canConnect(doc, source, sourceHandle, target, targetHandle);
  if (!verdict.ok) return { reason: verdict.reason };
  const edge = {
    id: nextEdgeId(doc, source, target),
    source,
    target,
    ...(sourceHandle !== null && sourceHandle !== 'out' ? { sourceHandle } : {}),
    ...(targetHandle !== null && targetHandle !== 'in' ? { targetHandle } : {}),
  };
  return { doc: { ...doc, edges: [...doc.edges, edge] } };
}

const mapNode = (
  doc: TopologyDocument,
  id: string,
  f: (n: DocumentNode) => DocumentNode,
): TopologyDocument => ({ ...doc, nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)) });

/** The document with one config field of a node set (`undefined` removes the field). */
export const updateConfig = (
  doc: TopologyDocument,
  nodeId: string,
  field: string,
  value: unknown,
): TopologyDocument =>
  mapNode(doc, nodeId, (n) => {
    const config = { ...n.config };
    if (value === undefined) delete config[field];
    else config[field] = value;
    return { ...n, config };
  });

/** The document with a node's label set; a blank label removes it (the node shows its id). */
export const updateLabel = (doc: TopologyDocument, nodeId: string, label: string): TopologyDocument =>
  mapNode(doc, nodeId, (n) => {
    const { label: _old, ...rest } = n;
    return label.trim() === '' ? rest : { ...rest, label };
  });

/** The document with nodes moved, positions rounded to whole pixels (as the file stores them). */
export const moveNodes = (
  doc: TopologyDocument,
  positions: ReadonlyMap<string, Position>,
): TopologyDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => {
    const p = positions.get(n.id);
    return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
  }),
});
