import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '@topograph/document';
import { describeDocument } from '../compat/describe-document.js';
import { exportProject } from './export-project.js';
import { BASELINE_FILE } from './compat-step.js';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../../..');

describe('exportProject with a deployed baseline', () => {
  it(
    'npm test passes while the deployed stores and topics are kept, and names the ones lost',
    { timeout: 300_000 },
    async () => {
      const { document } = loadDocument(
        await readFile(join(REPO, 'examples/word-count.topology.json'), 'utf8'),
      );
      if (!document) throw new Error('word count does not load');
      const dir = await mkdtemp(join(tmpdir(), 'topograph-export-compat-'));
      const deployed = await describeDocument(document);
      const result = await exportProject(document, dir, { compatBaseline: deployed });
      expect(result.files).toEqual(expect.arrayContaining(['test/compat.test.ts', BASELINE_FILE]));
      expect(await readFile(join(dir, BASELINE_FILE), 'utf8')).toBe(deployed);
      expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('## Upgrade check');
      await run(process.execPath, [join(REPO, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.'], {
        cwd: dir,
      });

      await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
      const passed = await run('npm', ['test'], { cwd: dir });
      expect(passed.stdout).toMatch(/# pass 3/);
      expect(passed.stdout).toMatch(/# fail 0/);

      // The deployed version had other names: this one would start empty and strand its repartition topic.
      await writeFile(
        join(dir, BASELINE_FILE),
        deployed
          .replaceAll('counts-store', 'old-counts')
          .replaceAll('by-word-repartition', 'words-repartition'),
      );
      const failed = await run('npm', ['test'], { cwd: dir }).then(
        () => null,
        (e: { stdout: string }) => e.stdout,
      );
      expect(failed).toContain(
        'loses state or strands records of the deployed one: store old-counts, topic words-repartition',
      );
    },
  );

  it('writes no upgrade check without a baseline', async () => {
    const { document } = loadDocument(
      await readFile(join(REPO, 'examples/word-count.topology.json'), 'utf8'),
    );
    if (!document) throw new Error('word count does not load');
    const dir = await mkdtemp(join(tmpdir(), 'topograph-export-compat-'));
    await exportProject(document, dir);
    expect(existsSync(join(dir, 'test/compat.test.ts'))).toBe(false);
    expect(existsSync(join(dir, BASELINE_FILE))).toBe(false);
  });
});
