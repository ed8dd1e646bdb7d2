import {
  getBezierPath,
  Position,
  useStore,
  ViewportPortal,
  type Edge,
  type InternalNode,
  type ReactFlowState,
} from '@xyflow/react';
import { useMemo } from 'react';

/**
 * Every edge of the canvas as one SVG path per colour, drawn instead of React Flow's edges when zoomed far
 * out. React Flow gives each edge its own <svg>; with hundreds of them Chromium spent most of each pan frame
 * sorting their layers, though at this zoom an edge is a hairline nobody clicks. Strokes keep one screen pixel
 * at any zoom, so the structure stays readable.
 */
export function EdgeOverview({ edges }: { edges: readonly Edge[] }) {
  // Node positions and measured handles arrive with each new node array React Flow stores.
  const nodes = useStore((s: ReactFlowState) => s.nodes);
  const lookup = useStore((s: ReactFlowState) => s.nodeLookup);
  const paths = useMemo(() => {
    const byColour = new Map<string, string[]>();
    for (const e of edges) {
      const source = lookup.get(e.source);
      const target = lookup.get(e.target);
      if (!source || !target) continue;
      const from = handlePoint(source, 'source', e.sourceHandle);
      const to = handlePoint(target, 'target', e.targetHandle);
      const [d] = getBezierPath({
        sourceX: from.x,
        sourceY: from.y,
        sourcePosition: Position.Right,
        targetX: to.x,
        targetY: to.y,
        targetPosition: Position.Left,
      });
      const colour = typeof e.style?.stroke === 'string' ? e.style.stroke : 'var(--flow-unknown)';
      const list = byColour.get(colour) ?? [];
      list.push(d);
      byColour.set(colour, list);
    }
    return [...byColour].map(([colour, ds]) => ({ colour, d: ds.join(' ') }));
    // `nodes` changes whenever positions or measurements do; the lookup is the same Map mutated in place.
  }, [edges, nodes, lookup]);
  return (
    <ViewportPortal>
      <svg className="edge-overview" data-testid="edge-overview">
        {paths.map((p) => (
          <path key={p.colour} d={p.d} stroke={p.colour} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

/** Where an edge meets a node: the centre of the handle's outer side, or the node's side when unmeasured. */
function handlePoint(
  node: InternalNode,
  type: 'source' | 'target',
  handleId: string | null | undefined,
): { x: number; y: number } {
  const { x, y } = node.internals.positionAbsolute;
  const handles = node.internals.handleBounds?.[type] ?? [];
  const h = handles.find((b) => b.id === handleId) ?? handles[0];
  if (h) return { x: x + h.x + (type === 'source' ? h.width : 0), y: y + h.y + h.height / 2 };
  const width = node.measured.width ?? 0;
  return { x: type === 'source' ? x + width : x, y: y + (node.measured.height ?? 0) / 2 };
}
