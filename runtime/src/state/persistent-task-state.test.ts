import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersistentTaskState } from './persistent-task-state.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));
const changelogs = [
  { storeName: 'counts', topic: 'app-counts-changelog' },
  { storeName: 'totals', topic: 'app-totals-changelog' },
];
const dirs: string[] = [];

async function taskDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topograph-state-'));
  dirs.push(dir);
  return join(dir, 'app', '0_1');
}

async function contents(state: PersistentTaskState, store: string): Promise<[string, string | null][]> {
  const out: [string, string | null][] = [];
  await state.load(store, (entries) => {
    for (const e of entries) out.push([dec(e.key)!, dec(e.value)]);
  });
  return out;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('PersistentTaskState', () => {
  it('keeps the latest value per key and the checkpoint across a reopen', async () => {
    const dir = await taskDir();
    const first = new PersistentTaskState(dir, changelogs);
    await first.open();
    expect(first.checkpointed('app-counts-changelog')).toBeUndefined();
    first.recordChange('counts', enc('a'), enc('1'));
    first.recordChange('counts', enc('b'), enc('1'));
    first.recordChange('counts', enc('a'), enc('2'));
    first.recordChange('totals', enc('x'), enc('9'));
    expect(first.hasPendingChanges).toBe(true);
    await first.checkpoint(
      new Map([
        ['app-counts-changelog', 3],
        ['app-totals-changelog', 1],
      ]),
    );
    expect(first.hasPendingChanges).toBe(false);
    first.recordChange('counts', enc('b'), null);
    await first.checkpoint(new Map([['app-counts-changelog', 4]]));
    // Not checkpointed: must not be on disk after the reopen.
    first.recordChange('counts', enc('c'), enc('1'));
    await first.close();

    const second = new PersistentTaskState(dir, changelogs);
    await second.open();
    expect(second.checkpointed('app-counts-changelog')).toBe(4);
    expect(second.checkpointed('app-totals-changelog')).toBe(1);
    expect(await contents(second, 'counts')).toEqual([['a', '2']]);
    expect(await contents(second, 'totals')).toEqual([['x', '9']]);
    await second.clear('counts');
    expect(second.checkpointed('app-counts-changelog')).toBeUndefined();
    expect(await contents(second, 'counts')).toEqual([]);
    await second.close();
  });

  it('treats a torn or foreign checkpoint file as no checkpoint', async () => {
    const dir = await taskDir();
    const state = new PersistentTaskState(dir, changelogs);
    await state.open();
    await state.checkpoint(new Map([['app-counts-changelog', 10]]));
    await state.close();
    await writeFile(join(dir, '.checkpoint'), '{"version":1,"offs');
    await state.open();
    expect(state.checkpointed('app-counts-changelog')).toBeUndefined();
    await state.close();
    await writeFile(
      join(dir, '.checkpoint'),
      JSON.stringify({ version: 1, offsets: { t: -3, u: 'x', v: 7 } }),
    );
    await state.open();
    expect(state.checkpointed('t')).toBeUndefined();
    expect(state.checkpointed('u')).toBeUndefined();
    expect(state.checkpointed('v')).toBe(7);
    await state.close();
  });

  it('refuses a directory another instance holds open, saying why', async () => {
    const dir = await taskDir();
    const owner = new PersistentTaskState(dir, changelogs);
    await owner.open();
    const intruder = new PersistentTaskState(dir, changelogs);
    await expect(intruder.open()).rejects.toThrow(/another instance .* same stateDir/);
    await owner.close();
  });
});
