import { chmod, chown, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../host/src/atomic-write.js';
import { ensurePrivateFile, ensurePrivateFolder, ForeignOwnerError } from '../../host/src/private-folders.js';
import { FileSecretStore } from '../../host/src/profiles.js';
import { StudioHost } from '../../host/src/studio-host.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'topograph-private-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const me = process.getuid?.() ?? 0;
/** A uid that is not ours: the check is told it runs as this user, so no root is needed to test it. */
const someoneElse = me + 4242;

/** Every file and folder under `dir` with its mode, for asserting that nothing is readable by others. */
async function modes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    out[full.slice(dir.length + 1)] = await mode(full);
  }
  return out;
}

describe('private folders and files', () => {
  it('the host creates its workspace, state and draft folders 0700 and its files 0600', async () => {
    const workspace = join(root, 'workspace');
    const stateDir = join(root, 'state');
    const host = new StudioHost({ workspace, stateDir });
    await host.prepare();
    await host.call('documents.save', { path: 'flows/a.topology.json', text: '{}' });
    await host.call('documents.autosave', { draft: 'draft-0001', path: null, text: '{}' });
    await host.call('kafka.profiles.save', {
      profile: {
        id: 'p1',
        name: 'p1',
        brokers: ['127.0.0.1:9092'],
        ssl: false,
        sasl: { mechanism: 'plain', username: 'u', secret: { from: 'keychain' } },
      },
      password: 'pw',
    });
    await host.close();
    expect(await mode(workspace)).toBe(0o700);
    expect(await mode(stateDir)).toBe(0o700);
    const all = { ...(await modes(workspace)), ...(await modes(stateDir)) };
    expect(Object.keys(all)).toEqual(
      expect.arrayContaining(['flows', 'flows/a.topology.json', 'secrets.json', 'kafka-profiles.json']),
    );
    expect(Object.keys(all).some((p) => p.endsWith('/drafts/draft-0001.json'))).toBe(true);
    for (const [path, m] of Object.entries(all)) expect({ path, mode: m & 0o077 }).toEqual({ path, mode: 0 });
  });

  it('a replaced file keeps its mode; the secrets file is 0600 whatever it was', async () => {
    const doc = join(root, 'shared.topology.json');
    await writeFile(doc, '{}');
    await chmod(doc, 0o644);
    await writeFileAtomic(doc, '{"a":1}', true);
    expect(await mode(doc)).toBe(0o644);
    const secrets = join(root, 'secrets.json');
    await writeFile(secrets, '{}');
    await chmod(secrets, 0o644);
    await new FileSecretStore(secrets).set('p', 'pw');
    expect(await mode(secrets)).toBe(0o600);
  });

  it('tightens an existing state folder and secrets file, but leaves the workspace as the user made it', async () => {
    const workspace = join(root, 'workspace');
    const stateDir = join(root, 'state');
    await mkdir(workspace, { mode: 0o755 });
    await mkdir(stateDir, { mode: 0o755 });
    await chmod(workspace, 0o755);
    await chmod(stateDir, 0o755);
    await writeFile(join(stateDir, 'secrets.json'), '{}', { mode: 0o644 });
    await chmod(join(stateDir, 'secrets.json'), 0o644);
    await new StudioHost({ workspace, stateDir }).prepare();
    expect(await mode(workspace)).toBe(0o755);
    expect(await mode(stateDir)).toBe(0o700);
    expect(await mode(join(stateDir, 'secrets.json'))).toBe(0o600);
  });

  it('refuses folders and files another user owns, saying which and what to do', async () => {
    const workspace = join(root, 'workspace');
    const stateDir = join(root, 'state');
    const host = new StudioHost({ workspace, stateDir });
    const refused = host.prepare(someoneElse);
    await expect(refused).rejects.toBeInstanceOf(ForeignOwnerError);
    await expect(refused).rejects.toThrow(
      `${workspace} belongs to another user (uid ${me}, you are uid ${someoneElse})`,
    );
    await expect(refused).rejects.toThrow(/TOPOGRAPH_WORKSPACE/);
    await expect(ensurePrivateFolder(stateDir, { uid: someoneElse, tighten: true })).rejects.toThrow(
      `${stateDir} belongs to another user`,
    );
    const secrets = join(stateDir, 'secrets.json');
    await writeFile(secrets, '{}');
    await expect(ensurePrivateFile(secrets, { uid: someoneElse })).rejects.toThrow(
      `${secrets} belongs to another user`,
    );
    await expect(
      ensurePrivateFile(join(stateDir, 'missing.json'), { uid: someoneElse }),
    ).resolves.toBeUndefined();
  });

  it.runIf(me === 0)(
    'refuses a state folder chowned to another user (as root: a real foreign owner)',
    async () => {
      const workspace = join(root, 'workspace');
      const stateDir = join(root, 'state');
      await mkdir(stateDir);
      await chown(stateDir, 4242, 4242);
      await expect(new StudioHost({ workspace, stateDir }).prepare()).rejects.toThrow(
        `${stateDir} belongs to another user (uid 4242, you are uid 0)`,
      );
    },
  );
});
