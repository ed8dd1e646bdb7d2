import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../generator/generate.js';
import { loadDocument, type TopologyDocument } from '@topograph/document';
import { chain, node, stream } from '@topograph/document/testing';
import { parse } from './parse.js';
import { reimport } from './reimport.js';

// The parser's contract: what it cannot read is reported with line and column, never dropped. Each case is a
// hand edit of generated code that the document cannot hold; the parse must point at the edit.

const wordCount = (): TopologyDocument => {
  const text = readFileSync(join(import.meta.dirname, '../../../examples/word-count.topology.json'), 'utf8');
  const d = loadDocument(text).document;
  if (!d) throw new Error('word-count does not load');
  return d;
};
const code = async (d: TopologyDocument): Promise<string> =>
  (await generate(d, { typeCheck: false })).files[0]?.content ?? '';

/** The generated word-count code with `from` replaced by `to` (which must change it). */
async function edit(from: string, to: string): Promise<string> {
  const generated = await code(wordCount());
  const edited = generated.replace(from, to);
  if (edited === generated) throw new Error(`"${from}" is not in the generated code`);
  return edited;
}

/** 1-based line and column of the first `needle` in `source`. */
function at(source: string, needle: string): { line: number; column: number } {
  const offset = source.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the source`);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

const problemAt = (source: string, needle: string, message: string | RegExp) =>
  expect.objectContaining({
    severity: 'error',
    ...at(source, needle),
    message: expect.stringMatching(message),
  });

const handWritten = (...body: string[]): string =>
  [
    "import { Serdes, StreamsBuilder } from '@topograph/runtime';",
    'export function buildTopology() {',
    '  const b = new StreamsBuilder();',
    "  const a = b.stream<string, string>('a', { keySerde: Serdes.string(), valueSerde: Serdes.string() });",
    "  const c = b.stream<string, string>('c', { keySerde: Serdes.string(), valueSerde: Serdes.string() });",
    ...body.map((s) => `  ${s}`),
    '  return b.build();',
    '}',
  ].join('\n');

describe('parse never drops code silently: arguments', () => {
  it('reports a call chained onto an options object (the peek would be lost)', async () => {
    const source = await edit(
      "toStream({ name: 'changes' })",
      "toStream({ name: 'changes' }.peek((k, v) => console.log(k, v)))",
    );
    const { problems } = parse(source);
    expect(problems).toEqual([
      problemAt(source, "{ name: 'changes' }.peek", /cannot read `\{ name: 'changes' \}\.peek\(.*\)` here/),
    ]);
  });

  it('reports an extra argument the node kind has no place for', async () => {
    const source = await edit(
      'valueSerde: Serdes.long() }',
      'valueSerde: Serdes.long() }, (key) => key.length',
    );
    expect(parse(source).problems).toEqual([problemAt(source, '(key) => key.length', /cannot read/)]);
  });

  it('reports an extra argument of a two-input operator', () => {
    const source = handWritten("const m = a.merge(c, { name: 'm' }, (k) => k);");
    expect(parse(source).problems).toEqual([problemAt(source, '(k) => k', /cannot read `\(k\) => k` here/)]);
  });

  it('reports an extra argument of a split map lookup', () => {
    const source = handWritten(
      "const route = a.split({ name: 'route-' }).branch((k, v) => v.length > 1, { name: 'long' }).defaultBranch({ name: 'short' });",
      "route.get('route-long', 'fallback')!.to('long');",
    );
    expect(parse(source).problems).toEqual([
      problemAt(source, "'fallback'", /cannot read `'fallback'` here/),
    ]);
  });

  it('reports a call nested in an options object', async () => {
    const source = await edit("storeName: 'counts-store'", "storeName: storeFor('counts')");
    const { document, problems } = parse(source);
    expect(problems).toEqual([problemAt(source, "storeName: storeFor('counts')", /cannot read `storeName/)]);
    expect(document.nodes.find((n) => n.id === 'word-counts')?.config).toEqual({});
  });

  it('reports an option the node kind does not keep', async () => {
    const source = await edit("{ name: 'by-word' }", "{ name: 'by-word', cache: false }");
    expect(parse(source).problems).toEqual([
      problemAt(source, 'cache: false', /cannot read `cache: false` here/),
    ]);
  });

  it('reports an unknown method chained onto a serde (the sink then writes the serde of its input)', async () => {
    const source = await edit('valueSerde: Serdes.long()', 'valueSerde: Serdes.long().withCache()');
    expect(parse(source).problems).toEqual([
      problemAt(source, 'withCache', /cannot read `\.withCache\(\)` here: To topic keeps no \.withCache/),
    ]);
  });

  it('reports an argument to a call the window spec reads without it', () => {
    const source = handWritten(
      "const counts = a.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(1000)).count({ name: 'n' });",
      "const final = counts.suppress(Suppressed.untilWindowCloses(1000).withName('final'));",
    );
    expect(parse(source).problems).toEqual([problemAt(source, '1000).withName', /cannot read `1000` here/)]);
  });

  it('reports a type argument the node kind would not write back', async () => {
    const source = await edit('byWord.count({', 'byWord.count<number>({');
    expect(parse(source).problems).toEqual([problemAt(source, 'number>', /cannot read `number` here/)]);
  });
});

describe('parse never drops code silently: statements', () => {
  it('reports an unknown statement inside buildTopology()', async () => {
    const source = await edit(
      '  return builder.build();',
      '  if (debug) changes.peek((k, v) => console.log(k, v));\n  return builder.build();',
    );
    expect(parse(source).problems).toEqual([problemAt(source, 'if (debug)', /statement not understood/)]);
  });

  it('reports statements after the return and a return of anything but the built topology', async () => {
    const afterReturn = await edit(
      '  return builder.build();',
      "  return builder.build();\n  changes.to('late');",
    );
    expect(parse(afterReturn).problems).toEqual([
      problemAt(afterReturn, "changes.to('late')", /after the return/),
    ]);
    const wrapped = await edit('return builder.build();', 'return traced(builder.build());');
    expect(parse(wrapped).problems).toEqual([
      problemAt(wrapped, 'return traced', /return builder\.build\(\)/),
    ]);
  });

  it('reports a type written on a flow variable', async () => {
    const source = await edit('const changes =', 'const changes: KStream<string, number> =');
    expect(parse(source).problems).toEqual([problemAt(source, 'KStream<string, number>', /cannot read/)]);
  });

  it('reports arguments to the StreamsBuilder', async () => {
    const source = await edit('new StreamsBuilder()', 'new StreamsBuilder({ optimize: true })');
    expect(parse(source).problems).toEqual([problemAt(source, '{ optimize: true }', /cannot read/)]);
  });

  it('reports code outside buildTopology() the document does not keep: helpers and their imports', async () => {
    const source = await edit(
      '/** Builds the',
      "import { isWord } from './words';\n\nconst MIN = 2;\n\nfunction long(word: string): boolean {\n  return word.length > MIN;\n}\n\n/** Builds the",
    );
    expect(parse(source).problems).toEqual([
      problemAt(source, 'import { isWord }', /import from '\.\/words'/),
      problemAt(source, 'const MIN', /outside buildTopology\(\)/),
      problemAt(source, 'function long', /outside buildTopology\(\)/),
    ]);
  });

  it('reports parameters of buildTopology()', async () => {
    const source = await edit('buildTopology(): Topology', 'buildTopology(topic: string): Topology');
    expect(parse(source).problems).toEqual([problemAt(source, 'topic: string', /parameter/)]);
  });
});

describe('parse never drops code silently: what it can read stays readable', () => {
  it('reads a split without a default branch, which ends with noDefaultBranch() to give the branch map', async () => {
    const doc = chain(
      [
        stream('in'),
        node('route', 'branch', { branches: [{ name: 'long', predicate: '(k, v) => v.length > 1' }] }),
        {
          id: 'to-long',
          kind: 'sink.topic',
          config: { topic: 'long', keySerde: 'string', valueSerde: 'string' },
        },
      ],
      {},
      [
        ['in', 'route'],
        ['route', 'to-long', undefined, 'long'],
      ],
      false,
    );
    const result = await generate(doc, { typeCheck: true });
    expect(result.diagnostics).toEqual([]);
    const generated = result.files[0]?.content ?? '';
    expect(generated).toContain('.noDefaultBranch()');
    const parsed = parse(generated, { base: doc });
    expect(parsed.problems).toEqual([]);
    expect(await code(parsed.document)).toBe(generated);
  });

  it('reads hand-written code that leaves out what the generator adds (names, options, type arguments)', () => {
    const source = handWritten(
      'const long = a.filter((k, v) => v.length > 1);',
      'const both = long.merge(c);',
      "both.groupByKey().count({ storeName: 'n' }).toStream().to('out', { valueSerde: Serdes.long() });",
    );
    const { document, problems } = parse(source);
    expect(problems).toEqual([]);
    expect(document.nodes.map((n) => n.kind)).toEqual([
      'source.stream',
      'source.stream',
      'filter',
      'merge',
      'groupByKey',
      'count',
      'toStream',
      'sink.topic',
    ]);
  });

  it('refuses an unreadable edit on re-import with the problem, not a smaller document', async () => {
    const d = wordCount();
    const source = (await code(d)).replace(
      "toStream({ name: 'changes' })",
      "toStream({ name: 'changes' }.peek((k, v) => console.log(k, v)))",
    );
    const { problems } = await reimport(source, d);
    expect(problems).toEqual([problemAt(source, "{ name: 'changes' }.peek", /cannot read/)]);
  });
});
