import {
  emptyDocument,
  newNode,
  serializeDocument,
  type DocumentEdge,
  type TopologyDocument,
} from '@topograph/document';

const STEPS = ['filter', 'mapValues', 'peek', 'filter', 'mapValues', 'peek', 'filter', 'mapValues'] as const;
const CHAIN = STEPS.length + 2;

/**
 * A valid document of `size` nodes: chains of ten (source → eight stateless operators → sink), one chain per
 * row, each on its own topics, so validation and the canvas see a realistic graph rather than loose nodes.
 */
export function benchDocument(size: number): TopologyDocument {
  if (!Number.isInteger(size) || size < CHAIN || size % CHAIN !== 0)
    throw new Error(`size must be a positive multiple of ${CHAIN}, got ${size}`);
  let doc: TopologyDocument = {
    ...emptyDocument(`bench-${size}`),
    settings: { applicationId: `bench-${size}` },
  };
  const edges: DocumentEdge[] = [];
  for (let row = 0; row < size / CHAIN; row++) {
    const kinds = ['source.stream', ...STEPS, 'sink.topic'];
    let previous: string | null = null;
    kinds.forEach((kind, col) => {
      const node = newNode(doc, kind, { x: col * 260, y: row * 140 });
      if (kind === 'source.stream') node.config = { ...node.config, topic: `in-${row}` };
      if (kind === 'sink.topic') node.config = { ...node.config, topic: `out-${row}` };
      doc = { ...doc, nodes: [...doc.nodes, node] };
      if (previous !== null)
        edges.push({ id: `e-${previous}-${node.id}`, source: previous, target: node.id });
      previous = node.id;
    });
  }
  return { ...doc, edges };
}

export const benchDocumentText = (size: number): string => serializeDocument(benchDocument(size));
