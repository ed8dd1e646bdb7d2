import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHost, type HostFixture } from './fixtures.js';
import { exampleDocument } from './support.js';

let fx: HostFixture;
beforeAll(async () => {
  fx = await makeHost({});
});
afterAll(async () => {
  await fx.cleanup();
});

describe('codegen.export through the studio API', () => {
  it('writes a standalone project into the workspace', async () => {
    const result = (await fx.host.call('codegen.export', {
      document: exampleDocument('word-count'),
      dir: 'exported/word-count',
    })) as { dir: string; files: string[] };
    expect(result.dir).toBe('exported/word-count');
    expect(result.files).toEqual(expect.arrayContaining(['package.json', 'src/topology.ts', 'src/main.ts']));
    const root = join(fx.workspace, 'exported', 'word-count');
    expect(readFileSync(join(root, 'src', 'topology.ts'), 'utf8')).toContain('export function buildTopology');
    expect(existsSync(join(root, 'package.json'))).toBe(true);
  });

  it('refuses a directory outside the workspace', async () => {
    await expect(
      fx.host.call('codegen.export', { document: exampleDocument('word-count'), dir: '../outside' }),
    ).rejects.toThrow();
  });
});
