import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, validateDocument } from '@topograph/document';
import { instrumentTaps, TAP_NODE_PREFIX } from './instrument.js';

const doc = loadDocument(
  readFileSync(new URL('../../../examples/word-count.topology.json', import.meta.url), 'utf8'),
).document!;

describe('tap instrumentation', () => {
  it('puts a peek on stream edges only and keeps the document valid', () => {
    const { document, tapEdges } = instrumentTaps(doc);
    // e1 text→split-words, e2 split-words→by-word and e5 changes→sink carry streams; e3 (grouped) and e4 (table) do not.
    expect([...tapEdges.values()].sort()).toEqual(['e1', 'e2', 'e5']);
    expect(document.nodes.filter((n) => n.id.startsWith(TAP_NODE_PREFIX))).toHaveLength(3);
    expect(validateDocument(document).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(doc.nodes).toHaveLength(6);
  });
});
