import { javaHashSetOrder, javaSetToString } from './java-hash-order.js';
import { JavaTreeSet } from './java-tree-set.js';
import type { NodeDef } from './nodes.js';

// Reproduces org.apache.kafka.streams.TopologyDescription#toString byte for byte, including the quirks of
// InternalTopologyBuilder#describeSubtopology (node "size" accumulated while linking in hash order, TreeSets
// ordered by size then name). Nodes are shown with unprefixed internal topic names, as Kafka does before the
// application id is known.

class DescribedNode {
  size = 1;
  readonly predecessorSet = new JavaTreeSet<DescribedNode>(compareNodes);
  readonly successorSet = new JavaTreeSet<DescribedNode>(compareNodes);
  constructor(readonly def: NodeDef) {}
  get predecessors(): DescribedNode[] {
    return this.predecessorSet.toArray();
  }
  get successors(): DescribedNode[] {
    return this.successorSet.toArray();
  }
  get name(): string {
    return this.def.name;
  }
}

function compareNodes(a: DescribedNode, b: DescribedNode): number {
  if (a === b) return 0;
  if (a.size !== b.size) return b.size - a.size;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function updateSize(node: DescribedNode, delta: number): void {
  node.size += delta;
  for (const p of node.predecessors) updateSize(p, delta);
}

function nodeNames(nodes: readonly DescribedNode[]): string {
  return nodes.length === 0 ? 'none' : nodes.map((n) => n.name).join(', ');
}

function nodeToString(node: DescribedNode): string {
  const def = node.def;
  switch (def.kind) {
    case 'source':
      return `Source: ${def.name} (topics: ${javaSetToString(def.topics)})\n      --> ${nodeNames(node.successors)}`;
    case 'processor':
      return (
        `Processor: ${def.name} (stores: ${javaSetToString(def.stores)})\n      --> ${nodeNames(node.successors)}` +
        `\n      <-- ${nodeNames(node.predecessors)}`
      );
    case 'sink': {
      const target =
        typeof def.topic === 'string'
          ? `topic: ${def.topic}`
          : `extractor class: ${def.topic.name || 'anonymous'}`;
      return `Sink: ${def.name} (${target})\n      <-- ${nodeNames(node.predecessors)}`;
    }
  }
}

export interface SubtopologyDescription {
  readonly id: number;
  readonly nodes: readonly NodeDef[];
  toString(): string;
}

export interface GlobalStoreDescription {
  readonly id: number;
  readonly source: NodeDef;
  readonly processor: NodeDef;
  readonly storeName: string;
  readonly topic: string;
  toString(): string;
}

export function describeSubtopology(
  id: number,
  nodeNamesInGroupOrder: readonly string[],
  defs: ReadonlyMap<string, NodeDef>,
): SubtopologyDescription {
  const described = new Map<string, DescribedNode>();
  for (const name of javaHashSetOrder(nodeNamesInGroupOrder)) {
    described.set(name, new DescribedNode(defs.get(name) as NodeDef));
  }
  for (const node of described.values()) {
    for (const predecessorName of node.def.predecessors) {
      const predecessor = described.get(predecessorName);
      if (!predecessor) continue;
      node.predecessorSet.add(predecessor);
      predecessor.successorSet.add(node);
      updateSize(predecessor, node.size);
    }
  }
  const ordered = [...described.values()].sort(compareNodes);
  const text = `Sub-topology: ${id}\n${ordered.map((n) => `    ${nodeToString(n)}\n`).join('')}\n`;
  return { id, nodes: ordered.map((n) => n.def), toString: () => text };
}

export function describeGlobalStore(
  id: number,
  source: NodeDef,
  processor: NodeDef,
  storeName: string,
  topic: string,
): GlobalStoreDescription {
  const s = new DescribedNode(source);
  const p = new DescribedNode(processor);
  s.successorSet.add(p);
  p.predecessorSet.add(s);
  const text =
    `Sub-topology: ${id} for global store (will not generate tasks)\n` +
    `    ${nodeToString(s)}\n    ${nodeToString(p)}\n`;
  return { id, source, processor, storeName, topic, toString: () => text };
}

export class TopologyDescription {
  constructor(
    readonly subtopologies: readonly SubtopologyDescription[],
    readonly globalStores: readonly GlobalStoreDescription[],
  ) {}

  /** Interleaves sub-topologies and global stores by id, as Kafka's TopologyDescription#toString does. */
  toString(): string {
    let out = 'Topologies:\n ';
    const all = [...this.subtopologies, ...this.globalStores].sort((a, b) => a.id - b.id);
    for (const part of all) out += '  ' + part.toString();
    return out;
  }
}
