import { getKind } from '../catalog/catalog.js';
import { outputPortsOf, targetHandleOf } from '../kind/ports.js';
import { analyze } from './analyze.js';
import type { TopologyDocument } from '../schema/document.js';
import { FLOW_LABELS, type FlowKind } from '../schema/flow.js';

export type ConnectResult = { ok: true } | { ok: false; reason: string };

/** What to put in between when a flow does not fit: shown with the refusal. */
const HINTS: Partial<Record<FlowKind, Partial<Record<FlowKind, string>>>> = {
  stream: {
    groupedStream: 'add a Group by key or Group by node first',
    table: 'aggregate it first (Group by → Count/Reduce/Aggregate), or read the topic as a table',
    windowedStream: 'add Group by key and a window first',
  },
  table: {
    stream: 'add a To stream node first',
    groupedTable: 'add a Group by node first',
  },
  groupedStream: {
    stream: 'aggregate it first (Count, Reduce or Aggregate)',
    table: 'aggregate it first (Count, Reduce or Aggregate)',
  },
  windowedStream: {
    stream: 'aggregate it first (Count, Reduce or Aggregate)',
    table: 'aggregate it first (Count, Reduce or Aggregate)',
  },
};

/**
 * Whether the designer may draw an edge from `source`'s output `sourceHandle` to `target`'s input
 * `targetHandle`, and if not, a sentence saying why.
 */
export function canConnect(
  doc: TopologyDocument,
  source: string,
  sourceHandle: string | null | undefined,
  target: string,
  targetHandle: string | null | undefined,
): ConnectResult {
  const from = doc.nodes.find((n) => n.id === source);
  const to = doc.nodes.find((n) => n.id === target);
  if (!from || !to) return { ok: false, reason: `no node "${!from ? source : target}"` };
  if (source === target) return { ok: false, reason: 'a node cannot feed itself' };
  const toSpec = getKind(to.kind);
  const fromSpec = getKind(from.kind);
  if (!toSpec || !fromSpec)
    return { ok: false, reason: `unknown node kind "${!toSpec ? to.kind : from.kind}"` };
  const port =
    toSpec.inputs.find((p) => p.id === (targetHandle ?? 'in')) ??
    (targetHandle ? undefined : toSpec.inputs[0]);
  if (!port) return { ok: false, reason: `${toSpec.label} has no input "${targetHandle ?? 'in'}"` };
  if (doc.edges.some((e) => e.target === target && targetHandleOf(e) === port.id))
    return {
      ok: false,
      reason: `the "${port.label}" input of ${toSpec.label} already has a flow; use a Merge node to combine streams`,
    };
  if (reaches(doc, target, source)) return { ok: false, reason: 'this edge would make a cycle' };

  const analysis = analyze(doc);
  const fromConfig = analysis.nodes.get(source)?.config;
  const outputs = outputPortsOf(fromSpec, fromConfig);
  const handle = sourceHandle ?? outputs[0]?.id;
  if (fromConfig && outputs.length === 0)
    return { ok: false, reason: `${fromSpec.label} ends the flow: it has no output` };
  if (fromConfig && !outputs.some((o) => o.id === handle))
    return { ok: false, reason: `${fromSpec.label} has no output "${String(handle)}"` };
  const flow = handle === undefined ? undefined : analysis.flows.get(source)?.[handle];
  // Upstream not finished yet: the flow is unknown, so allow the edge; validation checks it once known.
  if (!flow) return { ok: true };
  if (port.accepts.includes(flow.flow)) return { ok: true };
  const wanted = port.accepts.map((f) => FLOW_LABELS[f]).join(' or ');
  const hint = port.accepts.map((f) => HINTS[flow.flow]?.[f]).find((h) => h !== undefined);
  return {
    ok: false,
    reason: `${toSpec.label} takes a ${wanted} on "${port.label}", but ${from.label ?? source} gives a ${FLOW_LABELS[flow.flow]}${hint ? `: ${hint}` : ''}`,
  };
}

/** Whether `to` is reachable from `from` along the document's edges. */
function reaches(doc: TopologyDocument, from: string, to: string): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of doc.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
