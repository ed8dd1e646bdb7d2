import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentStore } from './documents.js';

let root: string;
let store: DocumentStore;
const storeFor = (workspace: string) =>
  new DocumentStore({
    workspace: join(root, workspace),
    stateDir: join(root, 'state'),
    examplesDir: join(root, 'examples'),
  });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'topograph-documents-'));
  store = storeFor('ws');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const DRAFT = 'draft-0001';

describe('drafts (autosave and recovery)', () => {
  it('keeps an untitled draft and a file draft apart and offers both, newest first', async () => {
    await store.autosave(DRAFT, null, '{"untitled":1}');
    await store.autosave('draft-0002', 'a.topology.json', '{"a":1}');
    const drafts = await store.recover();
    expect(drafts.map((d) => [d.draft, d.path, d.text])).toEqual(
      expect.arrayContaining([
        [DRAFT, null, '{"untitled":1}'],
        ['draft-0002', 'a.topology.json', '{"a":1}'],
      ]),
    );
    expect(drafts[0]!.savedAt).toBeGreaterThanOrEqual(drafts[1]!.savedAt);
  });

  it('overwrites a draft with its latest text', async () => {
    await store.autosave(DRAFT, null, 'one');
    await store.autosave(DRAFT, 'b.topology.json', 'two');
    expect(await store.recover()).toMatchObject([{ draft: DRAFT, path: 'b.topology.json', text: 'two' }]);
  });

  it('a discarded draft is never offered again', async () => {
    await store.autosave(DRAFT, 'a.topology.json', 'edited');
    expect(await store.discardDraft(DRAFT)).toEqual({ discarded: true });
    expect(await store.recover()).toEqual([]);
    expect(await storeFor('ws').recover()).toEqual([]);
    expect(await store.discardDraft(DRAFT)).toEqual({ discarded: false });
  });

  it('saving clears the draft it supersedes, also when saved under another name', async () => {
    await store.autosave(DRAFT, null, 'untitled edits');
    await store.save('new.topology.json', 'untitled edits, then more', false, DRAFT);
    expect(await store.recover()).toEqual([]);
  });

  it("saving leaves another window's different edits of the same file alone", async () => {
    await store.autosave('window-one', 'a.topology.json', 'saved text');
    await store.autosave('window-two', 'a.topology.json', 'other edits');
    await store.save('a.topology.json', 'saved text');
    expect((await store.recover()).map((d) => d.draft)).toEqual(['window-two']);
  });

  it('does not offer a draft its file already holds (a crash between save and discard)', async () => {
    await store.autosave(DRAFT, 'a.topology.json', 'same');
    await store.save('a.topology.json', 'other');
    await writeFile(join(root, 'ws', 'a.topology.json'), 'same');
    expect(await store.recover()).toEqual([]);
    expect(await readdir(join(root, 'state', 'workspaces'), { recursive: true })).not.toContainEqual(
      expect.stringContaining(`${DRAFT}.json`),
    );
  });

  it('offers the draft of a file deleted since', async () => {
    await store.save('gone.topology.json', 'saved');
    await store.autosave(DRAFT, 'gone.topology.json', 'edits');
    await rm(join(root, 'ws', 'gone.topology.json'));
    expect(await store.recover()).toMatchObject([{ path: 'gone.topology.json', text: 'edits' }]);
  });

  it('keeps drafts per workspace, since paths are workspace-relative', async () => {
    await store.autosave(DRAFT, 'a.topology.json', 'ws edits');
    expect(await storeFor('other').recover()).toEqual([]);
  });

  it('skips a draft file edited by hand instead of failing', async () => {
    await store.autosave(DRAFT, null, 'ok');
    const [dir] = await readdir(join(root, 'state', 'workspaces'));
    await writeFile(join(root, 'state', 'workspaces', dir!, 'drafts', 'broken-00.json'), '{"draft":');
    expect((await store.recover()).map((d) => d.draft)).toEqual([DRAFT]);
  });

  it('refuses a draft id that is not a plain name and a path outside the workspace', async () => {
    await expect(store.autosave('../../evil', null, 'x')).rejects.toThrow(/not a draft id/);
    await expect(store.autosave(DRAFT, '../x.topology.json', 'x')).rejects.toThrow(/outside the workspace/);
  });
});

describe('recent documents', () => {
  it('lists opened and saved files newest first, per workspace, without deleted ones', async () => {
    await store.save('a.topology.json', 'a');
    await store.save('b.topology.json', 'b');
    await store.open('a.topology.json');
    expect(await store.recent()).toEqual(['a.topology.json', 'b.topology.json']);
    await rm(join(root, 'ws', 'b.topology.json'));
    expect(await store.recent()).toEqual(['a.topology.json']);
    expect(await storeFor('other').recent()).toEqual([]);
  });
});
