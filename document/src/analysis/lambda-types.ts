import type { LambdaType } from '../kind/spec.js';
import { sourceHandleOf } from '../kind/ports.js';
import { analyze, type Analysis } from './analyze.js';
import type { TopologyDocument } from '../schema/document.js';
import type { FlowInfo } from '../schema/flow.js';

/** The flows arriving on each input port of a node, as far as the analysis knows them. */
export function inputFlowsOf(analysis: Analysis, nodeId: string): Record<string, FlowInfo> {
  const out: Record<string, FlowInfo> = {};
  const resolved = analysis.nodes.get(nodeId);
  if (!resolved) return out;
  for (const [port, edge] of resolved.inputs) {
    const src = analysis.nodes.get(edge.source);
    const flow = analysis.flows.get(edge.source)?.[sourceHandleOf(edge, src?.spec, src?.config)];
    if (flow) out[port] = flow;
  }
  return out;
}

/**
 * The function type of every code field of a node (by field path), from its kind's catalog entry and the
 * flows arriving on its ports: what the generated code's method call types each lambda as.
 */
export function lambdaTypesOf(
  doc: TopologyDocument,
  nodeId: string,
  analysis: Analysis = analyze(doc),
): Record<string, LambdaType> {
  const resolved = analysis.nodes.get(nodeId);
  const node = resolved?.node ?? doc.nodes.find((n) => n.id === nodeId);
  const lambdas = resolved?.spec?.lambdas;
  if (!node || !lambdas) return {};
  // While a lambda is being typed its config may not pass the schema (an empty field); the raw config still
  // names the types the other fields declare.
  const config = resolved.config ?? node.config;
  try {
    return lambdas({ node, config, inputs: inputFlowsOf(analysis, nodeId) });
  } catch {
    return {};
  }
}
