import {
  FLOW_LABELS,
  getKind,
  outputPortsOf,
  sourceHandleOf,
  targetHandleOf,
  type Analysis,
  type DocumentNode,
  type Problem,
  type TopologyDocument,
} from '@topograph/document';
import type { Edge, Node } from '@xyflow/react';
import { FLOW_COLORS, GROUP_COLORS } from './flow-style.js';
import { keyConfig } from './summary.js';

export interface PortView {
  id: string;
  label: string;
  color: string;
  /** Tooltip: what flows through the port. */
  title: string;
}

export type TopologyNodeData = {
  docNode: DocumentNode;
  title: string;
  kindLabel: string;
  accent: string;
  inputs: PortView[];
  outputs: PortView[];
  summary: Array<[string, string]>;
  errors: string[];
  warnings: string[];
  /** Join inputs not co-partitioned. */
  copartition: string | null;
  /** Internal topic Kafka Streams repartitions through in front of this node. */
  repartition: string | null;
};

export type TopologyNode = Node<TopologyNodeData, 'topology'>;

const GREY = 'var(--flow-unknown)';

/** Turns the document, its analysis and its problems into React Flow nodes and edges. */
export function buildView(
  doc: TopologyDocument,
  analysis: Analysis | undefined,
  problems: readonly Problem[],
  selectedNodes: ReadonlySet<string>,
  selectedEdges: ReadonlySet<string>,
): { nodes: TopologyNode[]; edges: Edge[] } {
  const byNode = new Map<string, Problem[]>();
  const repartitionAt = new Map<string, string>();
  for (const p of problems) {
    if (p.nodeId === undefined) continue;
    if (p.code === 'repartition')
      repartitionAt.set(p.nodeId, p.message.replace(/^will repartition through /, ''));
    const list = byNode.get(p.nodeId) ?? [];
    list.push(p);
    byNode.set(p.nodeId, list);
  }
  const nodes: TopologyNode[] = doc.nodes.map((n) => {
    const spec = getKind(n.kind);
    const own = byNode.get(n.id) ?? [];
    const config = analysis?.nodes.get(n.id)?.config ?? null;
    const flows = analysis?.flows.get(n.id);
    const outputs = spec
      ? (config ? outputPortsOf(spec, config) : safeOutputs(spec, n)).map((o) => {
          const f = flows?.[o.id];
          return {
            id: o.id,
            label: o.label,
            color: f ? FLOW_COLORS[f.flow] : GREY,
            title: f ? `${FLOW_LABELS[f.flow]}<${f.keyType}, ${f.valueType}>` : 'flow not known yet',
          };
        })
      : [];
    const inputs = (spec?.inputs ?? []).map((i) => {
      const first = i.accepts[0];
      return {
        id: i.id,
        label: i.label,
        color: first ? FLOW_COLORS[first] : GREY,
        title: `takes ${i.accepts.map((a) => FLOW_LABELS[a]).join(' or ')}`,
      };
    });
    return {
      id: n.id,
      type: 'topology',
      position: n.position,
      selected: selectedNodes.has(n.id),
      data: {
        docNode: n,
        title: n.label ?? n.id,
        kindLabel: spec?.label ?? n.kind,
        accent: spec ? GROUP_COLORS[spec.group] : GREY,
        inputs,
        outputs,
        summary: keyConfig(n.kind, n.config),
        errors: own.filter((p) => p.severity === 'error').map((p) => p.message),
        warnings: own.filter((p) => p.severity === 'warning').map((p) => p.message),
        repartition: repartitionAt.get(n.id) ?? null,
        copartition:
          own.find((p) => p.code === 'join.copartition' || p.code === 'join.keyType')?.message ?? null,
      },
    };
  });
  const edges: Edge[] = doc.edges.map((e) => {
    const source = analysis?.nodes.get(e.source);
    const handle = sourceHandleOf(e, source?.spec, source?.config);
    const flow = analysis?.flows.get(e.source)?.[handle];
    const topic = repartitionAt.get(e.target);
    const color = flow ? FLOW_COLORS[flow.flow] : GREY;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: handle,
      targetHandle: targetHandleOf(e),
      selected: selectedEdges.has(e.id),
      style: { stroke: color, strokeWidth: 2 },
      className: topic ? 'edge-repartition' : undefined,
      ...(topic
        ? {
            label: '⇄',
            labelStyle: { fill: 'var(--repartition)', fontWeight: 600, fontSize: 11 },
            labelBgStyle: { fill: 'var(--panel)' },
            labelBgPadding: [6, 3] as [number, number],
            data: { repartition: topic },
            ariaLabel: `repartition through ${topic}`,
          }
        : {}),
    };
  });
  return { nodes, edges };
}

/** Output ports of a node whose config does not validate yet: try its defaults so handles still show. */
function safeOutputs(spec: NonNullable<ReturnType<typeof getKind>>, n: DocumentNode) {
  try {
    return spec.outputs({ ...spec.defaults(n.id), ...n.config });
  } catch {
    return [];
  }
}
