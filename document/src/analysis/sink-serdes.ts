import type { SerdeName } from '../kind/serdes.js';
import { analyze, type Analysis } from './analyze.js';
import type { TopologyDocument } from '../schema/document.js';
import { flowSerde } from '../schema/flow.js';
import { inputFlowsOf } from './lambda-types.js';

/**
 * The serdes a sink writes with: its own, or for a side it leaves unset the one the generated code gives it
 * (`flowSerde`). Whoever reads a sink's topic (test driver, session, exported test) decodes with these.
 */
export function sinkSerdes(
  doc: TopologyDocument,
  nodeId: string,
  analysis: Analysis = analyze(doc),
): { keySerde: SerdeName; valueSerde: SerdeName } {
  const config = doc.nodes.find((n) => n.id === nodeId)?.config ?? {};
  const inFlow = inputFlowsOf(analysis, nodeId)['in'];
  const own = (v: unknown): SerdeName | undefined => (typeof v === 'string' ? (v as SerdeName) : undefined);
  return {
    keySerde: own(config['keySerde']) ?? flowSerde(inFlow, 'key'),
    valueSerde: own(config['valueSerde']) ?? flowSerde(inFlow, 'value'),
  };
}
