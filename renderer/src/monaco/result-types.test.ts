import { emptyDocument, type TopologyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { inferable, inferenceSnippet, readInferred, resultKey, withResultTypes } from './result-types.js';

const at = { x: 0, y: 0 };
/** clicks ⋈ users, as a new user builds it: the join's result type still the default. */
const doc = (
  valueType = 'unknown',
  joiner = "(click, user) => ({ ...click, country: user?.country ?? '' })",
) =>
  ({
    ...emptyDocument('t'),
    types: [
      { name: 'Click', declaration: '{ user: string; page: string }' },
      { name: 'User', declaration: '{ name: string; country: string }' },
    ],
    nodes: [
      {
        id: 'clicks',
        kind: 'source.stream',
        position: at,
        config: { topic: 'clicks', keySerde: 'string', valueSerde: 'json', valueType: 'Click' },
      },
      {
        id: 'users',
        kind: 'source.table',
        position: at,
        config: { topic: 'users', keySerde: 'string', valueSerde: 'json', valueType: 'User' },
      },
      {
        id: 'enrich',
        kind: 'join.streamTable',
        position: at,
        config: { joinType: 'left', joiner, valueType },
      },
    ],
    edges: [
      { id: 'e1', source: 'clicks', target: 'enrich' },
      { id: 'e2', source: 'users', target: 'enrich', targetHandle: 'right' },
    ],
  }) as TopologyDocument;

const target = { nodeId: 'enrich', lambda: 'joiner', field: 'valueType' };

describe('inferred result types', () => {
  it("infers a join's result left unknown, and one still holding what was inferred; never the user's", () => {
    expect(inferable(doc(), new Map())).toEqual([target]);
    const inferred = new Map([[resultKey(target), '{ page: string }']]);
    expect(inferable(doc('{ page: string }'), inferred)).toEqual([target]);
    expect(inferable(doc('Enriched'), inferred)).toEqual([]);
    expect(inferable(doc('unknown', ''), new Map())).toEqual([]);
  });

  it('calls the joiner with its sides typed from upstream, a missing right side null', () => {
    const s = inferenceSnippet(doc(), target);
    expect(s?.text).toContain('type Click = { user: string; page: string };');
    expect(s?.text).toMatch(
      /declare function __infer<R>\(f: \(\w+: Click, \w+: User \| null, \w+: string\) => R\): R;/,
    );
    expect(s?.text).toContain(
      "const __result = __infer(\n(click, user) => ({ ...click, country: user?.country ?? '' })\n);",
    );
    expect(s && s.text.slice(s.at, s.at + '__result'.length)).toBe('__result');
  });

  it('reads the hover text, refusing what a document cannot declare', () => {
    expect(readInferred('const __result: {\n    country: string;\n    user: string;\n}')).toBe(
      '{ country: string; user: string; }',
    );
    expect(readInferred('const __result: Click')).toBe('Click');
    for (const nothing of ['unknown', 'any', 'never', '{ a: string; ... 4 more ...; }'])
      expect(readInferred(`const __result: ${nothing}`)).toBeNull();
  });

  it('writes the types into their fields, and leaves the document as it is when nothing changes', () => {
    const d = doc();
    const next = withResultTypes(d, [{ target, type: '{ page: string }' }]);
    expect(next.nodes.find((n) => n.id === 'enrich')?.config['valueType']).toBe('{ page: string }');
    expect(withResultTypes(next, [{ target, type: '{ page: string }' }])).toBe(next);
  });
});
