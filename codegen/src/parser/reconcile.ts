import {
  freeNumberedEdgeId,
  type DocumentEdge,
  type DocumentNode,
  type TopologyDocument,
} from '@topograph/document';

/** Rough node footprint on the canvas, for placing a node the code added where it covers no other. */
const NODE_BOX = { width: 220, height: 110 };
const BELOW = 140;

type Position = DocumentNode['position'];

/**
 * Makes a parsed document differ from the one it was re-imported over only where the code changed: nodes and
 * edges keep their order and edge ids, nodes the code's layout comment does not place keep their position, and
 * nodes the code added are put under the node feeding them instead of on top of another node. Re-importing
 * unchanged code so gives back the very same document.
 */
export function reconcile(
  parsed: TopologyDocument,
  base: Partial<Pick<TopologyDocument, 'nodes' | 'edges'>>,
  layout: ReadonlyMap<string, Position>,
): TopologyDocument {
  const baseNodes = base.nodes ?? [];
  const baseEdges = base.edges ?? [];
  const edges = keepEdgeIds(parsed.edges, baseEdges);
  const basePositions = new Map(baseNodes.map((n) => [n.id, n.position]));
  const placed: Position[] = [];
  const positions = new Map<string, Position>();
  for (const n of parsed.nodes) {
    const known = layout.get(n.id) ?? basePositions.get(n.id);
    if (known) {
      positions.set(n.id, known);
      placed.push(known);
    }
  }
  // In code order, so a chain of added nodes stacks under its first one.
  for (const n of parsed.nodes) {
    if (positions.has(n.id)) continue;
    const upstream = edges.find((e) => e.target === n.id && positions.has(e.source));
    const from = upstream ? positions.get(upstream.source) : undefined;
    const p = freeSpot(from ? { x: from.x + NODE_BOX.width / 2, y: from.y + BELOW } : under(placed), placed);
    positions.set(n.id, p);
    placed.push(p);
  }
  const nodes = parsed.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
  return { ...parsed, nodes: inBaseOrder(nodes, baseNodes), edges: inBaseOrder(edges, baseEdges) };
}

/** Edges the base already had keep their ids; new ones get ids the base does not use. */
function keepEdgeIds(parsed: readonly DocumentEdge[], base: readonly DocumentEdge[]): DocumentEdge[] {
  const key = (e: DocumentEdge): string =>
    `${e.source}\0${e.sourceHandle ?? ''}\0${e.target}\0${e.targetHandle ?? ''}`;
  const baseIds = new Map(base.map((e) => [key(e), e.id]));
  const matched = parsed.map((e) => baseIds.get(key(e)));
  const taken = new Set(matched.filter((id): id is string => id !== undefined));
  const used = new Set([...taken, ...base.map((e) => e.id)]);
  let next = 1;
  const fresh = (): string => {
    const free = freeNumberedEdgeId(used, next);
    used.add(free.id);
    next = free.next;
    return free.id;
  };
  return parsed.map((e, i) => ({ ...e, id: matched[i] ?? fresh() }));
}

/** Items the base has come first, in its order; the rest follow in parsed order. */
function inBaseOrder<T extends { id: string }>(items: T[], base: ReadonlyArray<{ id: string }>): T[] {
  const rank = new Map(base.map((b, i) => [b.id, i]));
  const known = items
    .filter((i) => rank.has(i.id))
    .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  return [...known, ...items.filter((i) => !rank.has(i.id))];
}

const under = (placed: readonly Position[]): Position =>
  placed.length === 0
    ? { x: 0, y: 0 }
    : { x: Math.min(...placed.map((p) => p.x)), y: Math.max(...placed.map((p) => p.y)) + BELOW };

/** The first spot at or below `p` that overlaps no placed node. */
function freeSpot(p: Position, placed: readonly Position[]): Position {
  const overlaps = (q: Position): boolean =>
    placed.some((o) => Math.abs(o.x - q.x) < NODE_BOX.width && Math.abs(o.y - q.y) < NODE_BOX.height);
  let q = { x: Math.round(p.x), y: Math.round(p.y) };
  while (overlaps(q)) q = { x: q.x, y: q.y + BELOW };
  return q;
}
