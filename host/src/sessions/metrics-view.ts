import type { MetricsEvent, NodeMetricsView } from '@topograph/api';
import type { TopologyDocument } from '@topograph/document';
import type { MetricsSnapshot, ProcessorNodeMetrics } from '@topograph/runtime';
import { TAP_NODE_PREFIX } from './instrument.js';
import { nodeGroups, type GraphNode, type NodeGroup } from './node-groups.js';

const HISTORY_MS = 60_000;

/**
 * Turns the runtime's snapshots into what the canvas paints: per-node totals and rates with a minute of
 * history (a node made of several processors sums them, see node-groups.ts), edge
 * throughput (from the tap peek on the edge, else the source node's out-rate) and store sizes per node.
 */
export class MetricsView {
  private readonly history = new Map<string, number[]>();
  private readonly canvasIds: readonly string[];
  private groups: NodeGroup[] | null = null;

  constructor(
    private readonly sessionId: string,
    private readonly document: TopologyDocument,
    private readonly tapEdges: ReadonlyMap<string, string>,
  ) {
    this.canvasIds = document.nodes.map((n) => n.id);
  }

  /** The running topology's processors; until it is known, only processors named by a node id are shown. */
  setGraph(graph: readonly GraphNode[]): void {
    this.groups = nodeGroups(this.canvasIds, graph);
  }

  update(s: MetricsSnapshot): MetricsEvent {
    const points = Math.max(1, Math.round(HISTORY_MS / Math.max(s.intervalMs, 100)));
    const byName = new Map(s.nodes.map((n) => [n.name, n]));
    const groups =
      this.groups ??
      this.canvasIds
        .filter((id) => byName.has(id))
        .map((id) => ({ nodeId: id, members: [id], entries: [id], exits: [id] }));
    const nodes: NodeMetricsView[] = [];
    const rates = new Map<string, number>();
    // Tap peeks have no place on the canvas; their out-rate is the throughput of the edge they sit on.
    for (const n of s.nodes) if (n.name.startsWith(TAP_NODE_PREFIX)) rates.set(n.name, n.outRatePerSec);
    for (const g of groups) {
      const of = (names: readonly string[]) =>
        names.map((m) => byName.get(m)).filter((n): n is ProcessorNodeMetrics => n !== undefined);
      const members = of(g.members);
      if (members.length === 0) continue;
      const sum = (list: typeof members, f: (n: (typeof members)[number]) => number) =>
        list.reduce((total, n) => total + f(n), 0);
      const entries = of(g.entries);
      const exits = of(g.exits);
      const recordsOut = sum(exits, (n) => n.recordsOut);
      const inPerSec = sum(entries, (n) => n.ratePerSec);
      const outPerSec = sum(exits, (n) => n.outRatePerSec);
      rates.set(g.nodeId, outPerSec);
      let h = this.history.get(g.nodeId);
      if (!h) this.history.set(g.nodeId, (h = []));
      h.push(inPerSec);
      if (h.length > points) h.splice(0, h.length - points);
      const latencies = members.map((n) => n.latencyP99Ms).filter((l): l is number => l !== null);
      nodes.push({
        nodeId: g.nodeId,
        recordsIn: sum(entries, (n) => n.recordsIn),
        recordsOut,
        inPerSec,
        outPerSec,
        p99Ms: latencies.length > 0 ? Math.max(...latencies) : null,
        errors: sum(members, (n) => n.errors),
        lateDrops: sum(members, (n) => n.lateDrops),
        sparkline: [...h],
      });
    }
    const tapOf = new Map([...this.tapEdges].map(([tap, edge]) => [edge, tap]));
    const edges = this.document.edges.map((e) => {
      const tap = tapOf.get(e.id);
      const perSec = tap !== undefined ? (rates.get(tap) ?? 0) : (rates.get(e.source) ?? 0);
      return { edgeId: e.id, perSec };
    });
    const storeNode = new Map<string, string>();
    for (const node of this.document.nodes) {
      const store = (node.config as { storeName?: unknown }).storeName;
      if (typeof store === 'string') storeNode.set(store, node.id);
    }
    const lag = new Map<string, number>();
    for (const p of s.sources) lag.set(p.topic, (lag.get(p.topic) ?? 0) + p.lag);
    return {
      type: 'metrics',
      sessionId: this.sessionId,
      at: s.timestamp,
      intervalMs: s.intervalMs,
      nodes,
      edges,
      stores: s.stores.map((st) => ({
        name: st.name,
        nodeId: storeNode.get(st.name) ?? null,
        entries: st.entries,
      })),
      sources: [...lag].map(([topic, l]) => ({ topic, lag: l })),
    };
  }
}
