import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../model/serialize.js';
import { exportProject } from './export-project.js';

const run = promisify(execFile);
const example = join(import.meta.dirname, '../../../examples/clickstream.topology.json');

describe('exportProject', () => {
  it('writes a standalone project whose npm install and npm test pass', { timeout: 300_000 }, async () => {
    const doc = loadDocument(await readFile(example, 'utf8')).document;
    if (!doc) throw new Error('example does not load');
    const dir = await mkdtemp(join(tmpdir(), 'topograph-export-'));
    const result = await exportProject(doc, dir);
    for (const f of [
      'package.json',
      'tsconfig.json',
      'src/topology.ts',
      'src/main.ts',
      'test/topology.test.ts',
      'README.md',
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['@topograph/runtime']).toMatch(/^file:\.\/vendor\/topograph-runtime-.*\.tgz$/);
    expect(result.files).toContain('src/topology.ts');

    // --prefer-offline: kafkajs, typescript and @types/node are in the npm cache from the workspace install.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
    const test = await run('npm', ['test'], { cwd: dir });
    expect(test.stdout).toMatch(/# pass 1/);
    expect(test.stdout).toMatch(/# fail 0/);
  });
});
