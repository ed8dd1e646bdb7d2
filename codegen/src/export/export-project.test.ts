import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDocument, type TopologyDocument } from '@topograph/document';
import { exportProject } from './export-project.js';
import { topologyTest } from './project-files.js';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../../..');

async function example(name: string): Promise<TopologyDocument> {
  const doc = loadDocument(await readFile(join(REPO, 'examples', `${name}.topology.json`), 'utf8')).document;
  if (!doc) throw new Error(`example ${name} does not load`);
  return doc;
}

/** The clickstream example as a user names and fills it: its own name, sample records, no expected records. */
async function clickstreamEnrich(): Promise<TopologyDocument> {
  const doc = await example('clickstream');
  const { expected: _none, ...settings } = doc.settings;
  return {
    ...doc,
    name: 'clickstream-enrich',
    settings: {
      ...settings,
      applicationId: 'clickstream-enrich',
      testData: {
        users: [{ key: 'u1', value: { country: 'UK', name: 'Ada', premium: true }, timestamp: 0 }],
        clicks: [
          { key: 'u1', value: { user: 'u1', page: '/docs' }, timestamp: 1000 },
          { key: 'u2', value: { user: 'u2', page: '/home' }, timestamp: 2000 },
        ],
      },
    },
  };
}

describe('exportProject', () => {
  it(
    'writes a committable project: its own name, Prettier-clean, no unused locals, a test of real records and a drift check that npm test runs',
    { timeout: 300_000 },
    async () => {
      const doc = await clickstreamEnrich();
      const dir = await mkdtemp(join(tmpdir(), 'topograph-export-'));
      const result = await exportProject(doc, dir);
      for (const f of [
        'package.json',
        'tsconfig.json',
        'src/topology.ts',
        'src/main.ts',
        'test/topology.test.ts',
        'test/generated.test.ts',
        'README.md',
        'clickstream-enrich.topology.json',
      ])
        expect(existsSync(join(dir, f)), f).toBe(true);
      expect(result.files).toContain('src/topology.ts');
      const read = (f: string) => readFile(join(dir, f), 'utf8');

      const pkg = JSON.parse(await read('package.json')) as {
        name: string;
        dependencies: Record<string, string>;
        topograph: { document: string };
      };
      expect(pkg.name).toBe('clickstream-enrich');
      expect(pkg.topograph.document).toBe('clickstream-enrich.topology.json');
      expect(pkg.dependencies['@topograph/runtime']).toMatch(/^file:\.\/vendor\/topograph-runtime-.*\.tgz$/);
      const tsconfig = JSON.parse(await read('tsconfig.json')) as {
        compilerOptions: Record<string, unknown>;
      };
      expect(tsconfig.compilerOptions).toMatchObject({ noUnusedLocals: true, noUnusedParameters: true });
      const readme = await read('README.md');
      expect(readme).toMatch(/^# clickstream-enrich\n/);
      expect(readme).not.toContain('https://github.com/');
      expect(readme).not.toContain('topograph check');
      expect(await read('src/main.ts')).toContain("env['APPLICATION_ID'] ?? 'clickstream-enrich'");
      expect(JSON.parse(await read('clickstream-enrich.topology.json'))).toMatchObject({
        name: 'clickstream-enrich',
        settings: { applicationId: 'clickstream-enrich' },
      });
      // The test asserts what the sample records give (u1 is premium and from the users table).
      const test = await read('test/topology.test.ts');
      expect(test).toContain('assert.deepEqual(premiumClicksTopic.readKeyValuesToList(), [');
      expect(test).toMatch(
        /key: 'u1',\s*value: \{ user: 'u1', page: '\/docs', country: 'UK', premium: true \}/,
      );

      await run(process.execPath, [join(REPO, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.'], {
        cwd: dir,
      });

      // --prefer-offline: kafkajs, typescript and @types/node are in the npm cache from the workspace install.
      await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
      const passed = await run('npm', ['test'], { cwd: dir });
      expect(passed.stdout).toMatch(/# pass 2/);
      expect(passed.stdout).toMatch(/# fail 0/);

      // A hand edit of the generated code is drift: npm test says so.
      await appendFile(join(dir, 'src/topology.ts'), '\nexport const handEdited = 1;\n');
      const drifted = await run('npm', ['test'], { cwd: dir }).then(
        () => null,
        (e: { stdout: string }) => e.stdout,
      );
      expect(drifted).toMatch(/src\/topology\.ts was edited by hand/);
    },
  );

  it('imports only what a test uses, so an export compiles with noUnusedLocals', async () => {
    const doc = await clickstreamEnrich();
    const test = topologyTest(doc, new Map());
    // Click and User serde the input topics; EnrichedClick is named by no topic's serde in this test.
    expect(test).toMatch(/import \{ buildTopology, type Click, type User \} from/);
    const none = topologyTest({ ...doc, settings: {} }, new Map());
    expect(none).not.toContain('TopologyTestDriver');
    expect(none).toContain('assert.ok(buildTopology().describe().subtopologies.length > 0)');
  });
});
