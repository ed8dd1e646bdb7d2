import { mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const example = join(import.meta.dirname, '../../../examples/word-count.topology.json');

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A copy of the example in a fresh folder, with the code `generate` writes beside it. */
async function generatedCopy(): Promise<{ doc: string; codeFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'topograph-cli-'));
  const doc = join(dir, 'word-count.topology.json');
  await copyFile(example, doc);
  await cli('generate', doc);
  return { doc, codeFile: join(dir, 'word-count.topology.ts') };
}

describe('topograph CLI', () => {
  it('generate writes the code beside the document; check passes on it and fails on drift', async () => {
    const { doc, codeFile } = await generatedCopy();
    expect(await readFile(codeFile, 'utf8')).toContain('export function buildTopology()');

    const clean = await cli('check', doc);
    expect(clean).toMatchObject({ code: 0, err: [] });

    await writeFile(codeFile, (await readFile(codeFile, 'utf8')).replace("'text'", "'lines'"));
    const drift = await cli('check', doc);
    expect(drift.code).toBe(1);
    expect(drift.err[0]).toMatch(/word-count\.topology\.ts:\d+: drift/);
  });

  it('generate prints each type error with its message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topograph-cli-'));
    const doc = join(dir, 'word-count.topology.json');
    // Counts are numbers: a string value serde on the sink does not fit them.
    const text = (await readFile(example, 'utf8')).replace(/"valueSerde": "long"/, '"valueSerde": "string"');
    expect(text).not.toBe(await readFile(example, 'utf8'));
    await writeFile(doc, text);
    const result = await cli('generate', doc);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(
      /error \[[\w-]+ \d+:\d+\] Type 'Serde<string>' is not assignable to type 'Serde<number>'/,
    );
    expect(result.err.join('\n')).not.toContain('undefined');
  });

  it('parse takes the code side back into the document', async () => {
    const { doc, codeFile } = await generatedCopy();
    await writeFile(
      codeFile,
      (await readFile(codeFile, 'utf8')).replace("storeName: 'counts-store'", "storeName: 'totals'"),
    );
    expect((await cli('parse', codeFile, doc)).code).toBe(0);
    expect(await readFile(doc, 'utf8')).toContain('"storeName": "totals"');
    expect((await cli('check', doc)).code).toBe(0);
  });

  it('run prints what the sinks write for the sample records', async () => {
    const result = await cli('run', example);
    expect(result.code).toBe(0);
    expect(result.out).toContain('word-counts\t"the"\t2');
    expect(result.out[result.out.length - 1]).toBe('7 output record(s)');
  });

  it('explains usage and unreadable documents with exit code 2 / 1', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('check')).code).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'topograph-cli-'));
    await writeFile(join(dir, 'bad.topology.json'), '{ "version": 2 ');
    const bad = await cli('check', join(dir, 'bad.topology.json'));
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/not valid JSON/);
  });
});
