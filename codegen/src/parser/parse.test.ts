import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generate } from '../generator/generate.js';
import { loadDocument, serializeDocument, type TopologyDocument } from '@topograph/document';
import { parse } from './parse.js';
import { reimport } from './reimport.js';
import { KIND_CASES } from '@topograph/document/testing';

const examplesDir = join(import.meta.dirname, '../../../examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.topology.json'));
const load = (f: string): TopologyDocument => {
  const d = loadDocument(readFileSync(join(examplesDir, f), 'utf8')).document;
  if (!d) throw new Error(`cannot load ${f}`);
  return d;
};
const code = async (d: TopologyDocument): Promise<string> =>
  (await generate(d, { typeCheck: false })).files[0]?.content ?? '';
/** Edges without their ids (ids are not in code). */
const graph = (d: TopologyDocument) => ({
  nodes: d.nodes,
  edges: d.edges
    .map((e) => `${e.source}:${e.sourceHandle ?? ''}->${e.target}:${e.targetHandle ?? ''}`)
    .sort(),
});

describe('parse', () => {
  it.each(examples)('round-trips %s: generate(parse(generate(d))) === generate(d)', async (f) => {
    const d = load(f);
    const generated = await code(d);
    const parsed = parse(generated, { base: d });
    expect(parsed.problems).toEqual([]);
    expect(await code(parsed.document)).toBe(generated);
    // The graph itself comes back: kinds, ids, labels, layout, config and connections.
    const withDeclaredTypes = { ...d, nodes: [...d.nodes].sort((a, b) => a.id.localeCompare(b.id)) };
    const back = {
      ...parsed.document,
      nodes: [...parsed.document.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    };
    expect(graph(back).edges).toEqual(graph(withDeclaredTypes).edges);
    for (const n of withDeclaredTypes.nodes) {
      const p = back.nodes.find((x) => x.id === n.id);
      expect(p?.kind, n.id).toBe(n.kind);
      expect(p?.label).toBe(n.label);
      expect(p?.position).toEqual(n.position);
    }
  });

  it('reads code a person edited: renamed variables, comments, reformatting, new lambda bodies', async () => {
    const d = load('word-count.topology.json');
    const edited = (await code(d))
      .replace(/\bsplitWords\b/g, 'words')
      .replace(/\bbyWord\b/g, 'grouped')
      .replace('const changes =', '/* every update */\n  const changes =')
      .replace(
        '(_key, word) => word',
        '(_key, word) => {\n      // normalise\n      return word.trim();\n    }',
      )
      .replace(/\n {2}\n/g, '\n')
      .replace(
        "{ name: 'word-counts', storeName: 'counts-store' }",
        "{\n    storeName: 'counts-store',\n    name: 'word-counts'\n  }",
      )
      .replace(/\/\* topograph:layout[\s\S]*$/, '');
    const parsed = parse(edited, { base: d });
    expect(parsed.problems).toEqual([]);
    const byId = new Map(parsed.document.nodes.map((n) => [n.id, n]));
    expect([...byId.keys()]).toEqual([
      'text',
      'split-words',
      'by-word',
      'word-counts',
      'changes',
      'to-word-counts',
    ]);
    expect(byId.get('by-word')?.config['selector']).toBe(
      '(_key, word) => {\n  // normalise\n  return word.trim();\n}',
    );
    expect(byId.get('word-counts')?.config).toEqual({ storeName: 'counts-store' });
    expect(parsed.document.edges).toContainEqual({ id: 'e2', source: 'split-words', target: 'by-word' });
  });

  it('reports what it cannot read with line and column, and keeps the rest', () => {
    const source = [
      "import { Serdes, StreamsBuilder } from '@topograph/runtime';",
      'export function buildTopology() {',
      '  const builder = new StreamsBuilder();',
      "  const a = builder.stream<string, string>('a', { name: 'a', keySerde: Serdes.string(), valueSerde: Serdes.string() });",
      '  console.log(a);',
      "  const b = a.somethingElse({ name: 'b' });",
      "  const c = nowhere.filter(() => true, { name: 'c' });",
      "  a.filter((k, v) => v.length > 1, { name: 'long' });",
      '  return builder.build();',
      '}',
    ].join('\n');
    const { document, problems } = parse(source);
    expect(document.nodes.map((n) => n.id)).toEqual(['a', 'long']);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'parse.unknownFlow', line: 5, column: 3 }),
      expect.objectContaining({ code: 'parse.unrecognised', line: 6, column: 15 }),
      expect.objectContaining({ code: 'parse.unknownFlow', line: 7, column: 3 }),
    ]);
  });

  it('says so when there is no topology function', () => {
    expect(parse('export const x = 1;').problems[0]?.code).toBe('parse.noTopology');
  });
});

describe('parse: every node kind', () => {
  it.each(KIND_CASES)('round-trips $kind', async ({ doc }) => {
    const generated = await code(doc);
    const parsed = parse(generated, { base: doc });
    expect(parsed.problems).toEqual([]);
    expect(await code(parsed.document)).toBe(generated);
    // Config keys in any order; lambdas compared without whitespace (they come back formatted).
    const kinds = (d: TopologyDocument) =>
      d.nodes
        .map((n) => {
          const config = Object.entries(n.config).sort(([a], [b]) => a.localeCompare(b));
          return `${n.id}:${n.kind}:${JSON.stringify(config)
            .replace(/\s|\\n/g, '')
            .replace(/,(?=[\]}])/g, '')}`;
        })
        .sort();
    expect(kinds(parsed.document)).toEqual(kinds(doc));
    expect(graph(parsed.document).edges).toEqual(graph(doc).edges);
  });
});

describe('parse: hand-written chains', () => {
  it('reads several operators chained in one statement, as in the design example', () => {
    const source = [
      "import { Serdes, StreamsBuilder } from '@topograph/runtime';",
      'export function buildTopology() {',
      '  const b = new StreamsBuilder();',
      "  const text = b.stream<string, string>('text', { keySerde: Serdes.string(), valueSerde: Serdes.string() });",
      "  text.flatMapValues<string>((value) => value.toLowerCase().split(/\\W+/), { name: 'split-words' })",
      '      .groupBy<string>((_key, word) => word)',
      "      .count({ name: 'word-counts', storeName: 'counts-store' })",
      '      .toStream()',
      "      .to('word-counts', { valueSerde: Serdes.long() });",
      '  return b.build();',
      '}',
    ].join('\n');
    const { document, problems } = parse(source);
    expect(problems).toEqual([]);
    expect(document.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual([
      'text:source.stream',
      'split-words:flatMapValues',
      'groupBy:groupBy',
      'word-counts:count',
      'toStream:toStream',
      'topic:sink.topic',
    ]);
    expect(document.edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'text->split-words',
      'split-words->groupBy',
      'groupBy->word-counts',
      'word-counts->toStream',
      'toStream->topic',
    ]);
  });

  it('points at the operator it cannot read inside a chain', () => {
    const source = [
      "import { StreamsBuilder } from '@topograph/runtime';",
      'export function buildTopology() {',
      '  const b = new StreamsBuilder();',
      "  b.stream<string, string>('text').filter((k, v) => v.length > 0).transmogrify();",
      '  return b.build();',
      '}',
    ].join('\n');
    const { document, problems } = parse(source);
    expect(document.nodes.map((n) => n.kind)).toEqual(['source.stream', 'filter']);
    expect(problems).toEqual([expect.objectContaining({ code: 'parse.unrecognised', line: 4, column: 67 })]);
  });
});

describe('parse over the document it was generated from (re-import)', () => {
  const wordCount = () => load('word-count.topology.json');

  it.each(examples)('gives back the very same document for unchanged code: %s', async (f) => {
    const d = load(f);
    const parsed = await reimport(await code(d), d);
    expect(serializeDocument(parsed.document)).toBe(serializeDocument(d));
  });

  it('keeps unchanged nodes where they were and puts an added step under the node feeding it', async () => {
    const d = wordCount();
    const source = (await code(d)).replace(
      "toStream({ name: 'changes' });",
      "toStream({ name: 'changes' }).peek((k, v) => console.log(k, v), { name: 'log-counts' });",
    );
    const { document, problems } = await reimport(source, d);
    expect(problems).toEqual([]);
    for (const n of d.nodes) expect(document.nodes.find((x) => x.id === n.id)?.position).toEqual(n.position);
    const changes = d.nodes.find((n) => n.id === 'changes')?.position;
    const added = document.nodes.find((n) => n.id === 'log-counts');
    expect(added?.kind).toBe('peek');
    expect(added?.position.y).toBeGreaterThan(changes?.y ?? Infinity);
    for (const n of d.nodes) {
      const overlapX = Math.abs(n.position.x - (added?.position.x ?? 0)) < 220;
      const overlapY = Math.abs(n.position.y - (added?.position.y ?? 0)) < 110;
      expect(overlapX && overlapY, `${n.id} under log-counts`).toBe(false);
    }
    // Unchanged edges keep their ids; new ones get unused ids.
    expect(document.edges.slice(0, 4)).toEqual(d.edges.slice(0, 4));
    expect(document.edges.slice(4)).toEqual([
      { id: 'e6', source: 'changes', target: 'log-counts' },
      { id: 'e7', source: 'log-counts', target: 'to-word-counts' },
    ]);
  });

  it('takes positions from the base when the layout comment is gone', async () => {
    const d = wordCount();
    const source = (await code(d)).replace(/\/\* topograph:layout[\s\S]*\*\//, '');
    const { document } = await reimport(source, d);
    expect(serializeDocument(document)).toBe(serializeDocument(d));
  });

  it('takes a position edited in the layout comment', async () => {
    const d = wordCount();
    const source = (await code(d)).replace(' * changes 960 0', ' * changes 960 300');
    const { document } = await reimport(source, d);
    expect(document.nodes.find((n) => n.id === 'changes')?.position).toEqual({ x: 960, y: 300 });
  });
});

describe('reimport', () => {
  it('takes an edited lambda and keeps every field the edit did not touch as the document had it', async () => {
    const d = load('stock-stats.topology.json');
    const generated = await code(d);
    const source = generated.replace(
      'average: stats.sum / stats.count',
      'average: stats.sum / (stats.count || 1)',
    );
    expect(source).not.toBe(generated);
    const { document, problems } = await reimport(source, d);
    expect(problems).toEqual([]);
    const changed = document.nodes.filter(
      (n) =>
        !isDeepStrictEqual(
          n,
          d.nodes.find((x) => x.id === n.id),
        ),
    );
    expect(changed).toHaveLength(1);
    expect(String(changed[0]?.config['mapper'])).toContain('stats.sum / (stats.count || 1)');
    expect(document.types).toEqual(d.types);
  });

  it('reports a branch read without a key instead of throwing', () => {
    const source = [
      "import { StreamsBuilder } from '@topograph/runtime';",
      'export function buildTopology() {',
      '  const builder = new StreamsBuilder();',
      "  const text = builder.stream<string, string>('text');",
      "  const route = text.split({ name: 'route-' }).branch((k, v) => v.length > 1, { name: 'big' }).defaultBranch({ name: 'rest' });",
      "  route.get()!.to('out');",
      '  return builder.build();',
      '}',
    ].join('\n');
    const { document, problems } = parse(source);
    expect(document.nodes.map((n) => n.kind)).toEqual(['source.stream', 'branch']);
    expect(problems).toEqual([expect.objectContaining({ code: 'parse.branch', line: 6, column: 3 })]);
  });
});
