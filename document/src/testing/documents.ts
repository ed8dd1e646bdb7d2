import type { DocumentEdge, DocumentNode, TopologyDocument } from '../schema/document.js';

/** Builds small documents for tests: nodes laid out left to right, edges from `[source, target, handles]`. */
export function doc(
  nodes: Array<Omit<DocumentNode, 'position'> & { position?: DocumentNode['position'] }>,
  edges: Array<[string, string] | [string, string, string | undefined, string | undefined]>,
  extra: Partial<TopologyDocument> = {},
): TopologyDocument {
  return {
    version: 2,
    name: 'test',
    types: [],
    nodes: nodes.map((n, i) => ({ ...n, position: n.position ?? { x: i * 200, y: 0 } })),
    edges: edges.map(([source, target, sourceHandle, targetHandle], i): DocumentEdge => ({
      id: `e${i + 1}`,
      source,
      target,
      ...(sourceHandle !== undefined ? { sourceHandle } : {}),
      ...(targetHandle !== undefined ? { targetHandle } : {}),
    })),
    settings: { applicationId: 'app' },
    ...extra,
  };
}

export const stringSource = (id: string, topic = id, kind = 'source.stream') => ({
  id,
  kind,
  config: { topic, keySerde: 'string', valueSerde: 'string' },
});

/** A source of JSON values of a declared type, string keys. */
export const jsonSource = (id: string, topic: string, valueType: string, kind = 'source.stream') => ({
  id,
  kind,
  config: { topic, keySerde: 'string', valueSerde: 'json', valueType },
});
