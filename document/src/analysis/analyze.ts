import { getKind } from '../catalog/catalog.js';
import { isError } from '../kind/common.js';
import { outputPortsOf, sourceHandleOf, targetHandleOf } from '../kind/ports.js';
import type { KindSpec } from '../kind/spec.js';
import type { DocumentEdge, DocumentNode, TopologyDocument } from '../schema/document.js';
import type { FlowInfo } from '../schema/flow.js';
import type { Problem } from '../schema/problem.js';

/** A node with its kind spec and schema-checked config (null config when the config is invalid). */
export interface ResolvedNode {
  node: DocumentNode;
  spec: KindSpec | undefined;
  config: Record<string, unknown> | null;
  /** Input port id → the edge feeding it. */
  inputs: Map<string, DocumentEdge>;
}

export interface Analysis {
  problems: Problem[];
  nodes: Map<string, ResolvedNode>;
  /** Node ids sources-first; nodes on a cycle are left out. */
  order: string[];
  /** Node id → output port id → what flows out of it (absent when unknown because of upstream problems). */
  flows: Map<string, Record<string, FlowInfo>>;
  applicationId: string;
}

/** The application id: repartition and changelog topics are prefixed with it. */
export const applicationIdOf = (doc: TopologyDocument): string => doc.settings.applicationId ?? doc.name;

/**
 * Reads a (schema-valid) document as a graph: checks kinds, configs, edges and cycles, then walks the graph
 * from the sources computing the flow on every output port through each kind's `infer`.
 */
export function analyze(doc: TopologyDocument): Analysis {
  const problems: Problem[] = [];
  const nodes = new Map<string, ResolvedNode>();
  for (const node of doc.nodes) {
    if (nodes.has(node.id)) {
      problems.push({
        severity: 'error',
        code: 'node.duplicate',
        message: `node id "${node.id}" is used twice`,
        nodeId: node.id,
      });
      continue;
    }
    const spec = getKind(node.kind);
    let config: Record<string, unknown> | null = null;
    if (!spec) {
      problems.push({
        severity: 'error',
        code: 'node.kind',
        message: `unknown node kind "${node.kind}"`,
        nodeId: node.id,
      });
    } else {
      const parsed = spec.config.safeParse(node.config);
      if (parsed.success) config = parsed.data as Record<string, unknown>;
      else
        for (const issue of parsed.error.issues) {
          const field = issue.path.map(String).join('.');
          problems.push({
            severity: 'error',
            code: 'config.invalid',
            message: field ? `${field}: ${issue.message}` : issue.message,
            nodeId: node.id,
            ...(field ? { field } : {}),
          });
        }
    }
    nodes.set(node.id, { node, spec, config, inputs: new Map() });
  }

  const edgeIds = new Set<string>();
  const seen = new Set<string>();
  const successors = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const edgeProblem = (code: string, message: string, nodeId?: string): void => {
      problems.push({ severity: 'error', code, message, edgeId: edge.id, ...(nodeId ? { nodeId } : {}) });
    };
    if (edgeIds.has(edge.id)) edgeProblem('edge.duplicateId', `edge id "${edge.id}" is used twice`);
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      edgeProblem(
        'edge.dangling',
        `edge ${edge.id} connects to a missing node "${missing}"`,
        source ? edge.source : target ? edge.target : undefined,
      );
      continue;
    }
    const sh = sourceHandleOf(edge, source.spec, source.config);
    const th = targetHandleOf(edge);
    const key = `${edge.source}\u0000${sh}\u0000${edge.target}\u0000${th}`;
    if (seen.has(key)) {
      edgeProblem('edge.duplicate', `${edge.source} is connected to ${edge.target} twice`, edge.target);
      continue;
    }
    seen.add(key);
    if (source.spec && source.config && !outputPortsOf(source.spec, source.config).some((p) => p.id === sh)) {
      edgeProblem(
        'edge.sourceHandle',
        `${source.spec.label} "${edge.source}" has no output "${sh}"`,
        edge.source,
      );
      continue;
    }
    if (target.spec && !target.spec.inputs.some((p) => p.id === th)) {
      edgeProblem(
        'edge.targetHandle',
        `${target.spec.label} "${edge.target}" has no input "${th}"`,
        edge.target,
      );
      continue;
    }
    if (target.inputs.has(th)) {
      edgeProblem(
        'edge.portTaken',
        `input "${th}" of "${edge.target}" already has a flow; use a Merge node to combine streams`,
        edge.target,
      );
      continue;
    }
    target.inputs.set(th, edge);
    successors.set(edge.source, [...(successors.get(edge.source) ?? []), edge.target]);
  }

  for (const r of nodes.values()) {
    for (const port of r.spec?.inputs ?? []) {
      if (!r.inputs.has(port.id))
        problems.push({
          severity: 'error',
          code: 'input.missing',
          message: `${r.spec?.label ?? r.node.kind} "${r.node.id}" needs a flow on its "${port.label}" input`,
          nodeId: r.node.id,
        });
    }
  }

  const order = topologicalOrder(nodes, successors);
  const ordered = new Set(order);
  for (const id of nodes.keys())
    if (!ordered.has(id))
      problems.push({
        severity: 'error',
        code: 'graph.cycle',
        message: `"${id}" is part of a cycle`,
        nodeId: id,
      });

  const flows = new Map<string, Record<string, FlowInfo>>();
  for (const id of order) {
    const r = nodes.get(id);
    if (!r?.spec || !r.config) continue;
    const inputs: Record<string, FlowInfo> = {};
    let complete = true;
    for (const port of r.spec.inputs) {
      const edge = r.inputs.get(port.id);
      const src = edge && nodes.get(edge.source);
      const info =
        edge && src ? flows.get(edge.source)?.[sourceHandleOf(edge, src.spec, src.config)] : undefined;
      if (info) inputs[port.id] = info;
      else complete = false;
    }
    if (!complete) continue;
    const result = r.spec.infer({ node: r.node, config: r.config, inputs });
    if (isError(result)) {
      problems.push({
        severity: 'error',
        code: 'flow.mismatch',
        message: `${r.node.id}: ${result.error}`,
        nodeId: r.node.id,
        ...(result.field ? { field: result.field } : {}),
      });
      continue;
    }
    for (const info of Object.values(result)) {
      const [topic] = info.partitionedLike;
      if (info.partitions === null && info.partitionedLike.length === 1 && topic !== undefined)
        info.partitions = doc.settings.topics?.[topic]?.partitions ?? null;
    }
    flows.set(id, result);
  }
  return { problems, nodes, order, flows, applicationId: applicationIdOf(doc) };
}

/** Kahn's algorithm, keeping document order among ready nodes so output is stable. */
function topologicalOrder(nodes: Map<string, ResolvedNode>, successors: Map<string, string[]>): string[] {
  const indegree = new Map<string, number>();
  for (const id of nodes.keys()) indegree.set(id, 0);
  for (const targets of successors.values())
    for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const order: string[] = [];
  const ready = [...nodes.keys()].filter((id) => indegree.get(id) === 0);
  const position = new Map([...nodes.keys()].map((id, i) => [id, i]));
  while (ready.length > 0) {
    ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const id = ready.shift() as string;
    order.push(id);
    for (const t of successors.get(id) ?? []) {
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  return order;
}
