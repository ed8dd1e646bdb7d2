// The builders kind cases are written with (each kind's cases are in catalog/kinds/<file>.cases.ts).
import type { DocumentNode, SampleRecord, TopologyDocument } from '../schema/document.js';

/** A record a sink topic receives (the shape codegen's runTopology reports). */
export interface OutputRecord {
  topic: string;
  key: unknown;
  value: unknown;
}

type N = Omit<DocumentNode, 'position'>;
export const stream = (id: string, topic = id, valueSerde = 'string', valueType?: string): N => ({
  id,
  kind: 'source.stream',
  config: { topic, keySerde: 'string', valueSerde, ...(valueType ? { valueType } : {}) },
});
export const table = (id: string, kind = 'source.table'): N => ({
  id,
  kind,
  config: { topic: id, keySerde: 'string', valueSerde: 'string' },
});
export const sink = (id: string, topic = 'out', valueSerde = 'string'): N => ({
  id,
  kind: 'sink.topic',
  config: { topic, keySerde: 'string', valueSerde },
});
export const node = (id: string, kind: string, config: Record<string, unknown> = {}): N => ({
  id,
  kind,
  config,
});
/** Windowed keys printed as `key@start` so windowed results can go to a string-keyed topic. */
export const flattenWindow = (id: string): N =>
  node(id, 'map', {
    mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}`, value: n })',
    keyType: 'string',
    valueType: 'number | null',
  });
export const r = (key: string, value: unknown, timestamp = 0): SampleRecord => ({ key, value, timestamp });
export const o = (key: unknown, value: unknown, topic = 'out'): OutputRecord => ({ topic, key, value });

/** A linear document: nodes chained in order, plus extra edges `[source, target, targetHandle?, sourceHandle?]`. */
export function chain(
  nodes: N[],
  testData: Record<string, SampleRecord[]>,
  extra: Array<[string, string, string?, string?]> = [],
  linear = true,
): TopologyDocument {
  const edges: TopologyDocument['edges'] = [];
  if (linear)
    for (let i = 1; i < nodes.length; i++)
      edges.push({ id: `c${i}`, source: nodes[i - 1]?.id ?? '', target: nodes[i]?.id ?? '' });
  extra.forEach(([source, target, targetHandle, sourceHandle], i) =>
    edges.push({
      id: `x${i}`,
      source,
      target,
      ...(targetHandle ? { targetHandle } : {}),
      ...(sourceHandle ? { sourceHandle } : {}),
    }),
  );
  return {
    version: 2,
    name: 'kind-test',
    types: [],
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } })),
    edges,
    settings: { applicationId: 'kind-test', testData },
  };
}

export const counted = (grouping: N[], data: SampleRecord[]) =>
  chain(
    [stream('in'), ...grouping, node('n', 'count'), node('changes', 'toStream'), sink('out', 'out', 'long')],
    { in: data },
  );

export interface KindCase {
  kind: string;
  doc: TopologyDocument;
  expected: OutputRecord[] | ((outputs: OutputRecord[]) => void);
}

export const ab = { in: [r('a', 'x', 0), r('b', 'yy', 1)] };

/** Session-windowed keys printed as `key@start-end`, so results can go to a string-keyed topic. */
export const flattenSession = (id: string): N =>
  node(id, 'map', {
    mapper: '(w, n) => ({ key: `${w.key}@${w.window.start}-${w.window.end}`, value: n })',
    keyType: 'string',
    valueType: 'number | null',
  });

/** The input stream through one node into the output topic. */
export const through = (n: N, testData: Record<string, SampleRecord[]> = ab): TopologyDocument =>
  chain([stream('in'), n, sink('out')], testData);

/**
 * Two inputs into one node (`port` takes the second: a join's right side, a merge's other stream), which then
 * feeds the nodes after it in order.
 */
export function twoInto(
  nodes: N[],
  testData: Record<string, SampleRecord[]>,
  left: string,
  right: string,
  port = 'right',
): TopologyDocument {
  const ids = nodes.map((n) => n.id);
  const after = ids.slice(Math.max(ids.indexOf(left), ids.indexOf(right)) + 1);
  const [target = ''] = after;
  const onward = after.slice(1).map((id, i): [string, string] => [after[i] ?? '', id]);
  return chain(nodes, testData, [[left, target], [right, target, port], ...onward], false);
}
