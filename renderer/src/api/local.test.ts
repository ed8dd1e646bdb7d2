import { StudioApiError } from '@topograph/api';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../test-support/memory-storage.js';
import { localStudio } from './local.js';

describe('the no-host transport (browser storage)', () => {
  it('keeps drafts by the host rules: saving drops the superseded one, discarding drops it for good', async () => {
    const studio = localStudio(new MemoryStorage());
    await studio.call('documents.autosave', { draft: 'untitled-1', path: null, text: 'untitled edits' });
    await studio.call('documents.autosave', { draft: 'file-0001', path: 'a.topology.json', text: 'a edits' });
    expect((await studio.call('documents.recover', {})).map((d) => [d.draft, d.path, d.text])).toEqual(
      expect.arrayContaining([
        ['untitled-1', null, 'untitled edits'],
        ['file-0001', 'a.topology.json', 'a edits'],
      ]),
    );
    await studio.call('documents.save', {
      path: 'new.topology.json',
      text: 'untitled edits, saved',
      draft: 'untitled-1',
    });
    await studio.call('documents.discardDraft', { draft: 'file-0001' });
    expect(await studio.call('documents.recover', {})).toEqual([]);
  });

  it('does not offer a draft its file already holds', async () => {
    const studio = localStudio(new MemoryStorage());
    await studio.call('documents.autosave', { draft: 'window-1', path: 'a.topology.json', text: 'same' });
    await studio.call('documents.autosave', {
      draft: 'window-2',
      path: 'a.topology.json',
      text: 'different',
    });
    await studio.call('documents.save', { path: 'a.topology.json', text: 'same' });
    expect((await studio.call('documents.recover', {})).map((d) => d.draft)).toEqual(['window-2']);
  });

  it('lists recently opened and saved files, newest first', async () => {
    const storage = new MemoryStorage();
    const studio = localStudio(storage);
    await studio.call('documents.save', { path: 'a.topology.json', text: 'a' });
    await studio.call('documents.save', { path: 'b.topology.json', text: 'b' });
    await studio.call('documents.open', { path: 'a.topology.json' });
    expect(await studio.call('documents.recent', {})).toEqual(['a.topology.json', 'b.topology.json']);
    storage.removeItem('topograph.file:b.topology.json');
    expect(await localStudio(storage).call('documents.recent', {})).toEqual(['a.topology.json']);
  });

  it("answers with the host's result types: saved file, listed size, draft saved and discarded", async () => {
    const studio = localStudio(new MemoryStorage());
    const saved = await studio.call('documents.save', { path: 'a.topology.json', text: 'größe' });
    expect(saved).toEqual({ path: 'a.topology.json', modified: expect.any(Number), backup: null });
    expect(await studio.call('documents.list', {})).toEqual([
      { path: 'a.topology.json', modified: saved.modified, size: 7 },
    ]);
    const { savedAt } = await studio.call('documents.autosave', { draft: 'd-1', path: null, text: 'x' });
    expect((await studio.call('documents.recover', {}))[0]?.savedAt).toBe(savedAt);
    expect(await studio.call('documents.discardDraft', { draft: 'd-1' })).toEqual({ discarded: true });
    expect(await studio.call('documents.discardDraft', { draft: 'd-1' })).toEqual({ discarded: false });
  });

  it('says a missing file is not found', async () => {
    await expect(
      localStudio(new MemoryStorage()).call('documents.open', { path: 'x.topology.json' }),
    ).rejects.toEqual(new StudioApiError('not-found', 'no file "x.topology.json" in browser storage'));
  });

  it('offers the examples as templates, titled like the host does', async () => {
    const templates = await localStudio(new MemoryStorage()).call('documents.templates', {});
    expect(templates.map((t) => [t.name, t.title])).toContainEqual([
      'word-count.topology.json',
      'Word Count',
    ]);
    expect(templates.every((t) => t.text.startsWith('{'))).toBe(true);
  });
});
