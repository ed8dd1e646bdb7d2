import type { MetricsEvent, NodeMetricsView } from '@topograph/api';
import type { TopologyDocument } from '@topograph/codegen';
import type { ChildSnapshot } from './protocol.js';
import { TAP_NODE_PREFIX } from './instrument.js';

const HISTORY_MS = 60_000;

/**
 * Turns the runtime's snapshots into what the canvas paints: per-node rates with a minute of history, edge
 * throughput (from the tap peek on the edge, else the source node's out-rate) and store sizes per node.
 */
export class MetricsView {
  private readonly history = new Map<string, number[]>();
  private readonly lastOut = new Map<string, { out: number; at: number }>();
  private readonly canvasNodes: ReadonlySet<string>;

  constructor(
    private readonly sessionId: string,
    private readonly document: TopologyDocument,
    private readonly tapEdges: ReadonlyMap<string, string>,
  ) {
    this.canvasNodes = new Set(document.nodes.map((n) => n.id));
  }

  update(s: ChildSnapshot): MetricsEvent {
    const points = Math.max(1, Math.round(HISTORY_MS / Math.max(s.intervalMs, 100)));
    const nodes: NodeMetricsView[] = [];
    const rates = new Map<string, number>();
    for (const n of s.nodes) {
      const outPerSec = this.outRate(n.name, n.recordsOut, s.timestamp);
      rates.set(n.name, outPerSec);
      // Tap peeks and internal repartition processors have no place on the canvas.
      if (n.name.startsWith(TAP_NODE_PREFIX) || !this.canvasNodes.has(n.name)) continue;
      let h = this.history.get(n.name);
      if (!h) this.history.set(n.name, (h = []));
      h.push(n.ratePerSec);
      if (h.length > points) h.splice(0, h.length - points);
      nodes.push({
        nodeId: n.name,
        recordsIn: n.recordsIn,
        recordsOut: n.recordsOut,
        inPerSec: n.ratePerSec,
        outPerSec,
        p99Ms: n.latencyP99Ms,
        errors: n.errors,
        lateDrops: n.lateDrops,
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

  /** Out-rate from the difference of totals: the snapshot's rate counts records in only. */
  private outRate(name: string, out: number, at: number): number {
    const last = this.lastOut.get(name);
    this.lastOut.set(name, { out, at });
    if (!last || at <= last.at) return 0;
    return ((out - last.out) * 1000) / (at - last.at);
  }
}
