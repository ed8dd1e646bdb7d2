import { getKind } from '../catalog/catalog.js';
import { SERDES, type SerdeName } from '../kind/serdes.js';
import type { TopologyDocument } from '../schema/document.js';
import { analyze, type Analysis } from './analyze.js';
import { sinkSerdes } from './sink-serdes.js';

/** A topic a node reads or writes, with the serdes its records are written in. */
export interface TopicEndpoint {
  nodeId: string;
  /** The node's label, else its id: how the designer names it. */
  name: string;
  topic: string;
  keySerde: SerdeName;
  valueSerde: SerdeName;
  keyType?: string;
  valueType?: string;
  /** A sink whose topic extractor picks the topic per record: `topic` is then only its fallback. */
  perRecord: boolean;
}

export interface Topics {
  /** Sources, in document order. */
  sources: TopicEndpoint[];
  /** Sinks, in document order; their serdes are those they write with (`sinkSerdes`). */
  sinks: TopicEndpoint[];
}

const serde = (v: unknown): SerdeName => SERDES.find((s) => s === v) ?? 'string';
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Which topics the topology reads and writes: every node of a kind whose catalog entry is an `endpoint`
 * and whose `topic` is set. The one answer for validation, the session, the exporter and the run panel.
 */
export function topics(doc: TopologyDocument, analysis?: Analysis): Topics {
  const out: Topics = { sources: [], sinks: [] };
  let known = analysis;
  for (const n of doc.nodes) {
    const role = getKind(n.kind)?.endpoint;
    const topic = n.config['topic'];
    if (role === undefined || typeof topic !== 'string') continue;
    const keyType = text(n.config['keyType']);
    const valueType = text(n.config['valueType']);
    const base = { nodeId: n.id, name: n.label ?? n.id, topic };
    const types = {
      ...(keyType !== undefined ? { keyType } : {}),
      ...(valueType !== undefined ? { valueType } : {}),
    };
    if (role === 'source')
      out.sources.push({
        ...base,
        keySerde: serde(n.config['keySerde']),
        valueSerde: serde(n.config['valueSerde']),
        ...types,
        perRecord: false,
      });
    else {
      // A sink without its own serdes writes with those the generated code gives it (the flow's).
      known ??= analyze(doc);
      out.sinks.push({
        ...base,
        ...sinkSerdes(doc, n.id, known),
        ...types,
        perRecord: n.config['topicExtractor'] !== undefined,
      });
    }
  }
  return out;
}
