import { CATALOG, configFields, emptyDocument, newNode, type TopologyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { lambdaSources } from '../../renderer/src/monaco/lambda-fields.js';
import { typeCheckLambdas } from './ts-check.js';

/** A string stream feeding one node of `kind` as the palette drops it. */
function fedByStream(kind: string): TopologyDocument {
  const doc = emptyDocument('defaults');
  const source = newNode(doc, 'source.stream', { x: 0, y: 0 });
  const withSource = { ...doc, nodes: [source] };
  const node = newNode(withSource, kind, { x: 200, y: 0 });
  return {
    ...withSource,
    nodes: [source, node],
    edges: [{ id: 'e1', source: source.id, target: node.id }],
  };
}

const streamKindsWithLambdas = [...CATALOG.values()]
  .filter((k) => k.inputs[0]?.accepts.includes('stream') && k.inputs.length === 1)
  .filter((k) =>
    configFields(k.kind).some((f) => f.editor === 'code' || f.itemFields?.some((i) => i.editor === 'code')),
  )
  .map((k) => k.kind);

describe('every kind’s default lambdas type-check on the records flowing in', () => {
  it('covers the kinds', () =>
    expect(streamKindsWithLambdas).toEqual(
      expect.arrayContaining(['filter', 'branch', 'process', 'groupBy']),
    ));

  it.each(streamKindsWithLambdas)('%s', (kind) => {
    expect(typeCheckLambdas(lambdaSources(fedByStream(kind)))).toEqual([]);
  });
});
