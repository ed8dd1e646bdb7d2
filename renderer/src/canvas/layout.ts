import type { TopologyDocument } from '@topograph/document';
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 80;

/**
 * Lays the graph out left to right with elkjs' layered algorithm, using measured node sizes where known.
 * Returns the new position of every node.
 */
export async function autoLayout(
  doc: TopologyDocument,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Map<string, { x: number; y: number }>> {
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({
      id: n.id,
      width: sizes.get(n.id)?.width ?? NODE_WIDTH,
      height: sizes.get(n.id)?.height ?? NODE_HEIGHT,
    })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out = new Map<string, { x: number; y: number }>();
  for (const c of graph.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}
