import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument, serializeDocument, type TopologyDocument } from '@topograph/document';
import { describeDocument } from '../compat/describe-document.js';
import { main } from './main.js';

const example = join(import.meta.dirname, '../../../examples/word-count.topology.json');

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const read = async (file: string): Promise<TopologyDocument> => {
  const { document } = loadDocument(await readFile(file, 'utf8'));
  if (!document) throw new Error(`${file} does not load`);
  return document;
};

/** A copy of word count as the deployed baseline, and one with `change` applied as the current version. */
async function versions(change: (d: TopologyDocument) => TopologyDocument) {
  const dir = await mkdtemp(join(tmpdir(), 'topograph-compat-'));
  const baseline = join(dir, 'deployed.topology.json');
  const current = join(dir, 'word-count.topology.json');
  await copyFile(example, baseline);
  await writeFile(current, serializeDocument(change(await read(example))));
  return { dir, baseline, current };
}

const renameStore = (d: TopologyDocument): TopologyDocument => ({
  ...d,
  nodes: d.nodes.map((n) =>
    n.id === 'word-counts' ? { ...n, config: { storeName: 'word-counts-store' } } : n,
  ),
});

describe('topograph compat', () => {
  it('exits 0 on a compatible change and 1 on a state-losing one, naming the change and the reset plan', async () => {
    const same = await versions((d) => d);
    expect(await cli('compat', same.baseline, same.current)).toMatchObject({ code: 0, err: [] });

    const v = await versions(renameStore);
    const r = await cli('compat', v.baseline, v.current);
    expect(r.code).toBe(1);
    const text = r.err.join('\n');
    expect(text).toContain('[state lost] store "counts-store" is now "word-counts-store" (node word-counts)');
    expect(text).toContain('fix: set the store name of "word-counts" to "counts-store"');
    expect(text).toContain(
      'kafka-streams-application-reset --bootstrap-server <brokers> --application-id word-count',
    );
  });

  it('exits 2 on an incompatible change; --json gives the report to tools', async () => {
    const v = await versions((d) => ({
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'text' ? { ...n, config: { ...n.config, keySerde: 'json' } } : n)),
    }));
    // The key serde of the input does not reach the count (the grouping picks a new string key): compatible.
    expect((await cli('compat', v.baseline, v.current)).code).toBe(0);
    const w = await versions((d) => ({
      ...d,
      nodes: d.nodes.map((n) =>
        n.id === 'by-word'
          ? { ...n, config: { ...n.config, keyType: 'number', selector: '(_key, word) => word.length' } }
          : n,
      ),
    }));
    const r = await cli('compat', w.baseline, w.current, '--json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out.join('\n')) as {
      verdict: string;
      exitCode: number;
      changes: Array<{ summary: string }>;
    };
    expect(report).toMatchObject({ verdict: 'incompatible', exitCode: 2 });
    expect(report.changes.map((c) => c.summary)).toContain(
      'store "counts-store": key type string is now number',
    );
  });

  it('--fix writes the old names into the document, and its describe() keeps them', async () => {
    const v = await versions((d) => ({
      ...renameStore(d),
      nodes: renameStore(d).nodes.map((n) => (n.id === 'by-word' ? { ...n, id: 'words' } : n)),
      edges: d.edges.map((e) => ({
        ...e,
        source: e.source === 'by-word' ? 'words' : e.source,
        target: e.target === 'by-word' ? 'words' : e.target,
      })),
    }));
    expect((await cli('compat', v.baseline, v.current)).code).toBe(1);
    const fixed = await cli('compat', v.baseline, v.current, '--fix');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('fixed: set the store name of "word-counts" to "counts-store"');
    expect(fixed.out).toContain('fixed: rename "words" back to "by-word"');
    const text = await describeDocument(await read(v.current));
    expect(text).toContain('(stores: [counts-store])');
    expect(text).toContain('(topic: by-word-repartition)');
    expect((await cli('compat', v.baseline, v.current)).code).toBe(0);
  });

  it('reads generated code and describe() texts as versions', async () => {
    const v = await versions(renameStore);
    const code = join(v.dir, 'word-count.topology.ts');
    expect((await cli('generate', v.current, '--out', code)).code).toBe(0);
    const describeFile = join(v.dir, 'deployed.describe.txt');
    await writeFile(describeFile, await describeDocument(await read(v.baseline)));
    const r = await cli('compat', describeFile, code, '--application-id', 'word-count');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('store "counts-store" is now "word-counts-store"');
    // --fix on code writes the code again, generated from the fixed document.
    expect((await cli('compat', describeFile, code, '--fix')).code).toBe(0);
    expect(await readFile(code, 'utf8')).toContain("storeName: 'counts-store'");
  });

  it('check --compat-with fails the drift check on a state-losing change', async () => {
    const v = await versions(renameStore);
    expect((await cli('generate', v.current)).code).toBe(0);
    expect((await cli('check', v.current)).code).toBe(0);
    const r = await cli('check', v.current, '--compat-with', v.baseline);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('[state lost] store "counts-store" is now "word-counts-store"');
  });
});
