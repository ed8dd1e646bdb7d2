import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeDocument } from '@topograph/document';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompatReport } from '@topograph/document';
import { makeHost, type HostFixture } from './fixtures.js';
import { exampleDocument } from './support.js';

/** What the deployed word count's describe() printed (shared with the Upgrade tab's e2e test). */
const DEPLOYED_WORD_COUNT = join(
  import.meta.dirname,
  '..',
  '..',
  'examples',
  'word-count',
  'deployed.describe.txt',
);

let fx: HostFixture;
beforeAll(async () => {
  fx = await makeHost({});
});
afterAll(async () => {
  await fx.cleanup();
});

describe('compat.check through the studio API', () => {
  it('reports a renamed store against a saved document, and nothing against a describe() of the same', async () => {
    const saved = exampleDocument('word-count');
    const current = {
      ...saved,
      nodes: saved.nodes.map((n) =>
        n.id === 'word-counts' ? { ...n, config: { storeName: 'tally-store' } } : n,
      ),
    };
    const report = (await fx.host.call('compat.check', {
      baseline: { kind: 'document', document: saved },
      current,
    })) as CompatReport;
    expect(report).toMatchObject({ verdict: 'state-lost', exitCode: 1 });
    expect(report.changes).toMatchObject([
      {
        summary: 'store "counts-store" is now "tally-store"',
        nodeId: 'word-counts',
        fix: { kind: 'pin-store-name' },
      },
    ]);

    const describe = readFileSync(DEPLOYED_WORD_COUNT, 'utf8');
    const same = (await fx.host.call('compat.check', {
      baseline: { kind: 'describe', text: describe },
      current: saved,
    })) as CompatReport;
    expect(same).toMatchObject({ verdict: 'compatible', exitCode: 0, changes: [] });
  });

  it('reads a git revision of the document as the baseline', async () => {
    const saved = exampleDocument('word-count');
    mkdirSync(fx.workspace, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: fx.workspace });
    git('init', '-q');
    writeFileSync(join(fx.workspace, 'word-count.topology.json'), serializeDocument(saved));
    git('add', '.');
    git('commit', '-qm', 'deployed');
    git('tag', 'v1');
    const current = { ...saved, settings: { ...saved.settings, applicationId: 'word-count-2' } };
    const report = (await fx.host.call('compat.check', {
      baseline: { kind: 'git', path: 'word-count.topology.json', revision: 'v1' },
      current,
    })) as CompatReport;
    expect(report.changes).toMatchObject([
      {
        class: 'state-lost',
        subject: 'application-id',
        summary: 'application id "word-count" is now "word-count-2"',
      },
    ]);
    await expect(
      fx.host.call('compat.check', {
        baseline: { kind: 'git', path: 'word-count.topology.json', revision: 'v2' },
        current,
      }),
    ).rejects.toThrow(/cannot read word-count.topology.json at v2/);
    await expect(
      fx.host.call('compat.check', {
        baseline: { kind: 'git', path: 'word-count.topology.json', revision: '--output=/tmp/x' },
        current,
      }),
    ).rejects.toThrow(/revision/);
  });

  it('refuses a baseline of an unknown kind, naming the field', async () => {
    await expect(
      fx.host.call('compat.check', { baseline: { kind: 'git' }, current: exampleDocument('word-count') }),
    ).rejects.toThrow(/baseline/);
  });
});
