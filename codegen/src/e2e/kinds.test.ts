// Every node kind, end to end: a small document → generated TypeScript → type-checked → run in
// TopologyTestDriver on the document's sample records → the sink topics' records compared with Kafka
// Streams' semantics.
import { describe, expect, it } from 'vitest';
import { runTopology } from '../export/run-topology.js';
import { KIND_CASES, ab, chain, node, stream } from '@topograph/document/testing';

describe('every node kind: generate → compile → run in TopologyTestDriver', () => {
  it.each(KIND_CASES)('$kind', async ({ doc, expected }) => {
    const result = await runTopology(doc);
    if (!result.ok)
      throw new Error(
        result.problems.map((p) => `${p.nodeId ?? ''}.${p.field ?? ''} ${p.message}`).join('\n'),
      );
    if (typeof expected === 'function') expected(result.outputs);
    else expect(result.outputs).toEqual(expected);
  });

  it('foreach runs its action for every record', async () => {
    const seen: string[] = [];
    (globalThis as { topographSeen?: string[] }).topographSeen = seen;
    const doc = chain(
      [
        stream('in'),
        node('each', 'foreach', {
          action:
            '(k, v) => { (globalThis as { topographSeen?: string[] }).topographSeen?.push(`${k}=${v}`); }',
        }),
      ],
      ab,
    );
    const result = await runTopology(doc);
    expect(result).toEqual({ ok: true, outputs: [] });
    expect(seen).toEqual(['a=x', 'b=yy']);
  });
});
