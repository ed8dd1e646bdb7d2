import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeDocument } from '@topograph/document';
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

  it("keeps the project's copy of the document out of the workspace's documents", async () => {
    const doc = { ...exampleDocument('word-count'), name: 'counts' };
    await fx.host.call('documents.save', { path: 'counts.topology.json', text: serializeDocument(doc) });
    const result = (await fx.host.call('codegen.export', { document: doc, dir: 'counts-project' })) as {
      files: string[];
    };
    // The copy is there, named after the document, and the package says it is the project's record of it.
    expect(result.files).toContain('counts.topology.json');
    const pkg = JSON.parse(readFileSync(join(fx.workspace, 'counts-project', 'package.json'), 'utf8')) as {
      name: string;
      topograph: { document: string };
    };
    expect(pkg).toMatchObject({ name: 'counts', topograph: { document: 'counts.topology.json' } });
    const listed = (await fx.host.call('documents.list', {})) as Array<{ path: string }>;
    expect(listed.map((f) => f.path)).toContain('counts.topology.json');
    expect(listed.map((f) => f.path)).not.toContain('counts-project/counts.topology.json');
  });

  it('refuses a directory outside the workspace', async () => {
    await expect(
      fx.host.call('codegen.export', { document: exampleDocument('word-count'), dir: '../outside' }),
    ).rejects.toThrow();
  });
});
