import { analyze, applicationIdOf, flowSerde, type FlowInfo, type TopologyDocument } from './model.js';
import { footprintFromDescribe } from './describe-text.js';
import type { Footprint, StoreFootprint } from './footprint.js';

type Analysis = ReturnType<typeof analyze>;
type StoreDetails = Omit<StoreFootprint, 'name' | 'processors' | 'generated' | 'global' | 'subTopology'>;

const JOINS = new Set(['join.streamStream', 'join.streamTable', 'join.tableTable', 'join.streamGlobalTable']);

/**
 * The document's footprint: names and sub-topologies from the describe() of its generated code (the only
 * exact source: Kafka's generated names depend on the order operators draw from one counter), and what
 * describe() does not print — serdes, types, windows, versioning, partition counts — from the document.
 */
export function footprintFromDocument(doc: TopologyDocument, describeText: string): Footprint {
  const fp = footprintFromDescribe(describeText, applicationIdOf(doc));
  const analysis = analyze(doc);
  const ids = doc.nodes.map((n) => n.id);
  for (const store of fp.stores) {
    const nodeId = storeOwner(
      doc,
      store.name,
      store.processors.map((p) => ownerOf(p, ids)),
    );
    if (nodeId === undefined) continue;
    store.nodeId = nodeId;
    Object.assign(store, storeDetails(analysis, nodeId));
  }
  for (const topic of fp.repartitionTopics) {
    const nodeId = ownerOf(topic.writer, ids);
    if (nodeId === undefined) continue;
    topic.nodeId = nodeId;
    const partitions = inputFlow(analysis, nodeId)?.partitions;
    if (partitions !== null && partitions !== undefined) topic.partitions = partitions;
  }
  for (const [topic, { partitions }] of Object.entries(doc.settings.topics ?? {}))
    fp.partitions[topic] = partitions;
  fp.coPartitioned = coPartitionGroups(doc, analysis);
  return { ...fp, origin: 'document' };
}

/**
 * Of the nodes whose processors use a store, the one that makes it: the one naming it, else one that is no
 * join (a stream-table join reads the table's store, the table source owns it).
 */
function storeOwner(
  doc: TopologyDocument,
  store: string,
  candidates: Array<string | undefined>,
): string | undefined {
  const nodes = candidates.flatMap((id) => doc.nodes.filter((n) => n.id === id));
  return (
    nodes.find((n) => n.config['storeName'] === store) ??
    nodes.find((n) => !n.kind.startsWith('join.')) ??
    nodes[0]
  )?.id;
}

/** The node a processor belongs to: its id is the processor name, or a prefix of it (`by-word-repartition-sink`). */
function ownerOf(processor: string, ids: readonly string[]): string | undefined {
  if (ids.includes(processor)) return processor;
  return ids.filter((id) => processor.startsWith(`${id}-`)).sort((a, b) => b.length - a.length)[0];
}

function inputFlow(analysis: Analysis, nodeId: string, port = 'in'): FlowInfo | undefined {
  const r = analysis.nodes.get(nodeId);
  const edge = r?.inputs.get(port) ?? [...(r?.inputs.values() ?? [])][0];
  if (!edge) return undefined;
  const flows = analysis.flows.get(edge.source);
  return flows?.[edge.sourceHandle ?? 'out'] ?? (flows ? Object.values(flows)[0] : undefined);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What the document says about the store a node owns. */
function storeDetails(analysis: Analysis, nodeId: string): StoreDetails {
  const r = analysis.nodes.get(nodeId);
  const config = r?.config ?? r?.node.config ?? {};
  const kind = r?.node.kind ?? '';
  const out = Object.values(analysis.flows.get(nodeId) ?? {})[0];
  const input = inputFlow(analysis, nodeId);
  const details: StoreDetails = { nodeId };
  const types = (key: FlowInfo | undefined, value: FlowInfo | undefined) => {
    if (key) details.keyType = key.keyType;
    if (value) details.valueType = value.valueType;
  };

  if (kind.startsWith('source.')) {
    types(out, out);
    details.kind = num(config['historyRetentionMs']) !== undefined ? 'versioned' : 'keyValue';
    const keySerde = str(config['keySerde']);
    const valueSerde = str(config['valueSerde']);
    if (keySerde) details.keySerde = keySerde;
    if (valueSerde) details.valueSerde = valueSerde;
    const history = num(config['historyRetentionMs']);
    if (history !== undefined) details.historyRetentionMs = history;
    return details;
  }
  if (kind === 'join.streamStream') {
    // Each side keeps its own records for the join window; the value types are the two inputs'.
    details.kind = 'window';
    if (input) details.keyType = input.keyType;
    const size = num(config['windowMs']);
    if (size !== undefined) details.windowSizeMs = size;
    const grace = num(config['graceMs']);
    if (grace !== undefined) details.graceMs = grace;
    return details;
  }
  types(input, out);
  if (input) details.keySerde = flowSerde(input, 'key');
  if (out) details.valueSerde = kind === 'count' ? 'long' : flowSerde(out, 'value');
  details.kind = 'keyValue';
  if (input && (input.flow === 'windowedStream' || input.flow === 'sessionWindowedStream')) {
    const windowNode = r?.inputs.get('in')?.source;
    const w = windowNode === undefined ? undefined : analysis.nodes.get(windowNode);
    Object.assign(details, windowDetails(w?.node.kind ?? '', w?.config ?? w?.node.config ?? {}));
  }
  return details;
}

function windowDetails(kind: string, config: Record<string, unknown>): Partial<StoreDetails> {
  const grace = num(config['graceMs']);
  const size =
    kind === 'window.session'
      ? undefined
      : (num(config['sizeMs']) ?? (kind === 'window.sliding' ? num(config['timeDifferenceMs']) : undefined));
  const advance =
    kind === 'window.hopping'
      ? num(config['advanceMs'])
      : kind === 'window.session'
        ? num(config['inactivityGapMs'])
        : undefined;
  return {
    kind: kind === 'window.session' ? 'session' : 'window',
    ...(size !== undefined ? { windowSizeMs: size } : {}),
    ...(advance !== undefined ? { windowAdvanceMs: advance } : {}),
    ...(grace !== undefined ? { graceMs: grace } : {}),
    // Kafka keeps a window store for size + grace unless told otherwise (Materialized#withRetention).
    ...(size !== undefined ? { retentionMs: size + (grace ?? 0) } : {}),
  };
}

/** The source topics each join needs co-partitioned (a global-table join needs none). */
function coPartitionGroups(doc: TopologyDocument, analysis: Analysis): string[][] {
  const groups: string[][] = [];
  for (const node of doc.nodes) {
    if (!JOINS.has(node.kind) || node.kind === 'join.streamGlobalTable') continue;
    const r = analysis.nodes.get(node.id);
    const topics = new Set<string>();
    for (const port of r?.inputs.keys() ?? [])
      for (const t of inputFlow(analysis, node.id, port)?.partitionedLike ?? []) topics.add(t);
    if (topics.size > 1) groups.push([...topics].sort());
  }
  return groups;
}
