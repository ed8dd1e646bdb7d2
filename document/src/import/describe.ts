import { CATALOG, configFields, getKind } from '../catalog/catalog.js';
import { numberedEdgeId } from '../edit/edge-ids.js';
import { nextNodeId } from '../edit/edit.js';
import type { KindSpec } from '../kind/spec.js';
import {
  emptyDocument,
  NODE_ID_PATTERN,
  type DocumentEdge,
  type DocumentNode,
  type TopologyDocument,
} from '../schema/document.js';

/** One processor of a `Topology#describe()` text. */
export interface DescribedProcessor {
  role: 'Source' | 'Processor' | 'Sink';
  name: string;
  topics: string[];
  stores: string[];
  successors: string[];
  predecessors: string[];
}

/** Where a processor is listed: its sub-topology (0 when the text names none), and whether that is a global store's. */
export interface DescribedPlacement {
  subTopology: number;
  global: boolean;
}

export class DescribeParseError extends Error {
  override name = 'DescribeParseError';
}

const ENTRY = /(Source|Processor|Sink):\s*([^\s(]+)\s*(?:\(([^)]*)\))?/g;
const SUB_TOPOLOGY = /Sub-topology:\s*(\d+)(\s+for global store)?/g;

/**
 * Reads the text of Kafka Streams' `Topology#describe()` (both the multi-line form `toString()` prints and the
 * one-line-per-node form shown in Kafka's tutorials) into its processors.
 */
export function parseDescribeWithPlacement(text: string): (DescribedProcessor & DescribedPlacement)[] {
  const matches = [...text.matchAll(ENTRY)];
  if (matches.length === 0)
    throw new DescribeParseError(
      'no "Source:", "Processor:" or "Sink:" entries found: is this a describe() text?',
    );
  const marks = [...text.matchAll(SUB_TOPOLOGY)].map((m) => ({
    at: m.index,
    id: Number(m[1]),
    global: m[2] !== undefined,
  }));
  const out: (DescribedProcessor & DescribedPlacement)[] = [];
  matches.forEach((m, i) => {
    const mark = marks.filter((s) => s.at < (m.index ?? 0)).pop();
    const end = matches[i + 1]?.index ?? text.length;
    const rest = text
      .slice((m.index ?? 0) + m[0].length, end)
      .replace(/Sub-topology:.*$|Global Stores:.*$/ms, '');
    const details = m[3] ?? '';
    out.push({
      role: m[1] as DescribedProcessor['role'],
      name: m[2] as string,
      subTopology: mark?.id ?? 0,
      global: mark?.global ?? false,
      topics: listAfter(details, /topics?:\s*/),
      stores: listAfter(details, /stores:\s*/),
      successors: arrowList(rest, '-->'),
      predecessors: arrowList(rest, '<--'),
    });
  });
  const names = new Set(out.map((p) => p.name));
  for (const p of out)
    for (const s of [...p.successors, ...p.predecessors])
      if (!names.has(s)) throw new DescribeParseError(`"${p.name}" refers to "${s}", which is not described`);
  return out;
}

/** The processors of a describe() text, without where they are listed (what the importer needs). */
export function parseDescribe(text: string): DescribedProcessor[] {
  return parseDescribeWithPlacement(text).map(({ subTopology: _s, global: _g, ...processor }) => processor);
}

function listAfter(details: string, label: RegExp): string[] {
  const m = new RegExp(`${label.source}(\\[[^\\]]*\\]|[^,\\s]+)`).exec(details);
  if (!m) return [];
  return (m[1] as string)
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function arrowList(rest: string, arrow: '-->' | '<--'): string[] {
  const at = rest.indexOf(arrow);
  if (at < 0) return [];
  const other = arrow === '-->' ? '<--' : '-->';
  let tail = rest.slice(at + arrow.length);
  const stop = tail.indexOf(other);
  if (stop >= 0) tail = tail.slice(0, stop);
  return tail
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'none');
}

/**
 * The kinds a processor name can stand for: those whose catalog entry lists the longest prefix of the name
 * among its `kafkaNames` (`KSTREAM-FLATMAPVALUES-` is flatMapValues, not flatMap). Several kinds share a
 * prefix where describe() cannot tell them apart (a key selection, or the one a groupBy makes).
 */
function kindsNamed(name: string): KindSpec[] {
  let best = '';
  let kinds: KindSpec[] = [];
  for (const spec of CATALOG.values())
    for (const prefix of spec.kafkaNames ?? [])
      if (name.startsWith(prefix) && prefix.length >= best.length) {
        kinds = prefix.length > best.length ? [spec] : [...kinds, spec];
        best = prefix;
      }
  return kinds;
}

/** The one kind whose entry names its processors `prefix…`: the importer's anchors (sources, sinks, custom). */
function kindOfPrefix(prefix: string): string {
  const [spec] = kindsNamed(prefix);
  if (!spec) throw new DescribeParseError(`the catalog has no kind named "${prefix}" in Kafka`);
  return spec.kind;
}

/** The kind that groups records by their key, which describe() shows no processor for. */
function groupingByKey(): string {
  const spec = [...CATALOG.values()].find((s) => s.grouping === 'byKey');
  if (!spec) throw new DescribeParseError('the catalog has no grouping by key');
  return spec.kind;
}

export interface DescribeImport {
  document: TopologyDocument;
  /** Processors that had no designer equivalent and became custom Process nodes. */
  unknown: string[];
}

/**
 * Turns a describe() text into a designer document. Kafka's internals are folded back into the DSL the user
 * wrote: a repartition sink/source pair becomes an edge, the null-key filter before it disappears, a key
 * selection feeding an aggregation becomes Group by, and an aggregation fed directly becomes Group by key.
 */
export function importDescribe(text: string, name = 'imported'): DescribeImport {
  const procs = parseDescribe(text);
  const byName = new Map(procs.map((p) => [p.name, p]));
  const repartitionSinks = new Map<string, DescribedProcessor>();
  const sourcesByTopic = new Map<string, DescribedProcessor>();
  for (const p of procs) if (p.role === 'Source') for (const t of p.topics) sourcesByTopic.set(t, p);
  for (const p of procs)
    if (p.role === 'Sink' && p.topics[0]?.endsWith('-repartition') && sourcesByTopic.has(p.topics[0]))
      repartitionSinks.set(p.name, p);

  // Successors with the internal repartition hop removed.
  const next = (p: DescribedProcessor): string[] =>
    p.successors.flatMap((s) => {
      const sink = repartitionSinks.get(s);
      if (!sink) return [s];
      const source = sourcesByTopic.get(sink.topics[0] as string);
      return source ? source.successors : [];
    });
  /**
   * The name of the repartition topic right after a processor, without `-repartition`: the grouping the
   * designer puts there is named so, which makes the generated app repartition through the same topic.
   */
  const repartitionBase = (p: DescribedProcessor): string | undefined => {
    const hop = [p, ...p.successors.map((s) => byName.get(s)).filter((x) => x !== undefined)]
      .flatMap((x) => [x, ...x.successors.map((s) => byName.get(s)).filter((y) => y !== undefined)])
      .find((x) => repartitionSinks.has(x.name));
    return hop?.topics[0]?.replace(/-repartition$/, '');
  };
  const dropped = new Set<string>();
  for (const sink of repartitionSinks.values()) {
    dropped.add(sink.name);
    const source = sourcesByTopic.get(sink.topics[0] as string);
    if (source) dropped.add(source.name);
    // Kafka adds `filter(key != null)` in front of the repartition sink; the designer's Group by implies it.
    for (const pred of sink.predecessors) {
      const f = byName.get(pred);
      if (f && f.name.startsWith('KSTREAM-FILTER-') && f.successors.length === 1) dropped.add(f.name);
    }
  }
  // A table source is "Source → KTABLE-SOURCE": fold the KTABLE-SOURCE processor into a table source node.
  const tableSources = new Map<string, DescribedProcessor>();
  for (const p of procs)
    if (p.role === 'Source' && !dropped.has(p.name)) {
      const only = p.successors.length === 1 ? byName.get(p.successors[0] as string) : undefined;
      if (only?.name.startsWith('KTABLE-SOURCE-')) {
        tableSources.set(p.name, only);
        dropped.add(only.name);
      }
    }
  const skipDropped = (names: string[]): string[] =>
    names.flatMap((n) => {
      if (!dropped.has(n)) return [n];
      const p = byName.get(n);
      return p ? skipDropped(next(p)) : [];
    });

  let doc = emptyDocument(name);
  const idOf = new Map<string, string>();
  const unknown: string[] = [];
  /**
   * Adds a node named as the deployed processor (`preferred`), so the generated app names its processors, and
   * through them its internal topics and stores, as the app it replaces does.
   */
  const add = (
    kind: string,
    preferred: string | undefined,
    config: Record<string, unknown> = {},
    processor = preferred,
  ): string => {
    const taken = new Set(doc.nodes.map((n) => n.id));
    const id =
      preferred !== undefined && NODE_ID_PATTERN.test(preferred) && !taken.has(preferred)
        ? preferred
        : nextNodeId(doc, kind);
    const spec = getKind(kind);
    if (!spec) throw new DescribeParseError(`the catalog has no kind "${kind}"`);
    const node: DocumentNode = {
      id,
      kind,
      label: labelOf(spec, config),
      position: { x: 0, y: 0 },
      config: {
        ...placeholders(kind, spec.defaults(id) as Record<string, unknown>, processor ?? id),
        ...config,
      },
    };
    doc = { ...doc, nodes: [...doc.nodes, node] };
    return id;
  };
  const aggregating = (p: DescribedProcessor) =>
    /^(KSTREAM|KTABLE)-(AGGREGATE|REDUCE)-/.test(p.name) && p.stores.length > 0;

  for (const p of procs) {
    if (dropped.has(p.name)) continue;
    let kind: string;
    const config: Record<string, unknown> = {};
    if (p.role === 'Source') {
      kind = kindOfPrefix(tableSources.has(p.name) ? 'KTABLE-SOURCE-' : 'KSTREAM-SOURCE-');
      config['topic'] = p.topics.join(',');
      const store = tableSources.get(p.name)?.stores[0];
      if (store !== undefined) config['storeName'] = store;
    } else if (p.role === 'Sink') {
      kind = kindOfPrefix('KSTREAM-SINK-');
      config['topic'] = p.topics[0] ?? p.name;
    } else {
      // A processor is never a source or sink, whatever its name says (those are describe()'s roles).
      const known = kindsNamed(p.name).filter((k) => k.endpoint === undefined);
      if (known.length === 0) unknown.push(p.name);
      // A key selection feeding an aggregation is the grouping that shares its name.
      const groups = skipDropped(next(p)).some(
        (s) => byName.get(s) && aggregating(byName.get(s) as DescribedProcessor),
      );
      const spec =
        known.find((k) => (k.grouping === 'bySelectedKey') === groups) ??
        known.find((k) => k.grouping === undefined);
      kind = spec?.kind ?? kindOfPrefix('KSTREAM-PROCESSOR-');
      if (spec?.grouping === undefined && p.stores[0] !== undefined && hasStoreName(kind))
        config['storeName'] = p.stores[0];
    }
    const grouping = getKind(kind)?.grouping === 'bySelectedKey';
    idOf.set(p.name, add(kind, grouping ? (repartitionBase(p) ?? p.name) : p.name, config, p.name));
  }

  const edges: DocumentEdge[] = [];
  const link = (from: string, to: string) =>
    edges.push({ id: numberedEdgeId(edges.length + 1), source: from, target: to });
  for (const p of procs) {
    const from = idOf.get(p.name);
    if (from === undefined) continue;
    for (const s of skipDropped(next(p))) {
      const target = byName.get(s);
      const to = idOf.get(s);
      if (!target || to === undefined) continue;
      const fromKind = doc.nodes.find((n) => n.id === from)?.kind;
      if (aggregating(target) && getKind(fromKind ?? '')?.grouping === undefined) {
        // The DSL groups before it aggregates; describe() shows no node for groupByKey.
        const group = add(groupingByKey(), repartitionBase(p));
        link(from, group);
        link(group, to);
      } else link(from, to);
    }
  }
  doc = { ...doc, edges };
  return { document: placeInLayers(doc), unknown };
}

const hasStoreName = (kind: string): boolean => configFields(kind).some((f) => f.name === 'storeName');

/** A label to read on the canvas: the kind and what it works on (the processor name stays the node id). */
function labelOf(spec: KindSpec, config: Record<string, unknown>): string {
  const kindLabel = spec.label;
  const topic = typeof config['topic'] === 'string' ? config['topic'] : undefined;
  const store = typeof config['storeName'] === 'string' ? config['storeName'] : undefined;
  if (spec.endpoint === 'source' && topic !== undefined) return topic;
  if (spec.endpoint === 'sink' && topic !== undefined) return `to ${topic}`;
  if (store !== undefined) return `${kindLabel} (${store})`;
  return kindLabel;
}

/** Marks what describe() cannot tell: the lambdas. A TODO is listed in Problems until it is written. */
export const TODO_MARK = 'TODO(import)';

/**
 * The kind's default lambdas with a TODO naming the processor whose code describe() does not show; the
 * defaults type-check, so the imported topology runs (as a pass-through) before they are written.
 */
function placeholders(
  kind: string,
  config: Record<string, unknown>,
  processor: string,
): Record<string, unknown> {
  const out = { ...config };
  for (const f of configFields(kind)) {
    const code = out[f.name];
    if (f.editor !== 'code' || typeof code !== 'string') continue;
    const arrow = code.indexOf('=>');
    if (arrow < 0) continue;
    out[f.name] =
      `${code.slice(0, arrow + 2)} /* ${TODO_MARK}: the ${f.label.toLowerCase()} of ${processor} */${code.slice(arrow + 2)}`;
  }
  return out;
}

/** A first placement (left to right by depth) so the canvas is readable before auto-layout runs. */
function placeInLayers(doc: TopologyDocument): TopologyDocument {
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).map((s) => depthOf(s, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const d = depthOf(n.id, new Set());
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      return { ...n, position: { x: d * 260, y: row * 120 } };
    }),
  };
}
