/** One processor of the running topology and its parents (from `describe()`). */
export interface GraphNode {
  name: string;
  predecessors: string[];
}

/** The processors that stand for one canvas node, and which of them count its records in and out. */
export interface NodeGroup {
  nodeId: string;
  members: string[];
  /** Members fed from outside the group: their records in are the node's. */
  entries: string[];
  /** Members feeding outside the group (or nothing): their records out are the node's. */
  exits: string[];
}

/**
 * Maps canvas nodes to processors. Most nodes are one processor named by the node id; some are several with
 * the id as prefix — a stream–stream join is `<id>-this-windowed`, `<id>-other-windowed`, `<id>-this-join`,
 * `<id>-other-join` and `<id>-merge`, a branch is `<id>-` — and those have no processor named `<id>`, which is
 * why such nodes showed no metrics. A node with its own processor keeps just that one (its repartition
 * processors are plumbing, not its records). A processor goes to the longest canvas id it is prefixed by.
 */
export function nodeGroups(canvasIds: readonly string[], graph: readonly GraphNode[]): NodeGroup[] {
  const names = new Set(graph.map((g) => g.name));
  const byLength = [...canvasIds].sort((a, b) => b.length - a.length);
  const members = new Map<string, string[]>();
  for (const g of graph) {
    if (canvasIds.includes(g.name)) continue;
    const owner = byLength.find((id) => g.name.startsWith(`${id}-`) && !names.has(id));
    if (owner === undefined) continue;
    const list = members.get(owner) ?? [];
    list.push(g.name);
    members.set(owner, list);
  }
  const successors = new Map<string, string[]>();
  for (const g of graph)
    for (const p of g.predecessors) successors.set(p, [...(successors.get(p) ?? []), g.name]);
  const groups: NodeGroup[] = [];
  for (const id of canvasIds) {
    if (names.has(id)) {
      groups.push({ nodeId: id, members: [id], entries: [id], exits: [id] });
      continue;
    }
    const list = members.get(id);
    if (!list) continue;
    const inside = new Set(list);
    const parents = new Map(graph.map((g) => [g.name, g.predecessors]));
    groups.push({
      nodeId: id,
      members: list,
      entries: list.filter((m) => {
        const ps = parents.get(m) ?? [];
        return ps.length === 0 || ps.some((p) => !inside.has(p));
      }),
      exits: list.filter((m) => {
        const cs = successors.get(m) ?? [];
        return cs.length === 0 || cs.some((c) => !inside.has(c));
      }),
    });
  }
  return groups;
}
