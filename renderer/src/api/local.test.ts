import { StudioApiError } from '@topograph/api';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../test-support/memory-storage.js';
import { localStudio } from './local.js';

describe('the no-host transport (browser storage)', () => {
  it('keeps drafts by the host rules: saving drops the superseded one, discarding drops it for good', async () => {
    const studio = localStudio(new MemoryStorage());
    await studio.autosave('untitled-1', null, 'untitled edits');
    await studio.autosave('file-0001', 'a.topology.json', 'a edits');
    expect((await studio.recover()).map((d) => [d.draft, d.path, d.text])).toEqual(
      expect.arrayContaining([
        ['untitled-1', null, 'untitled edits'],
        ['file-0001', 'a.topology.json', 'a edits'],
      ]),
    );
    await studio.writeDocument('new.topology.json', 'untitled edits, saved', 'untitled-1');
    await studio.discardDraft('file-0001');
    expect(await studio.recover()).toEqual([]);
  });

  it('does not offer a draft its file already holds', async () => {
    const studio = localStudio(new MemoryStorage());
    await studio.autosave('window-1', 'a.topology.json', 'same');
    await studio.autosave('window-2', 'a.topology.json', 'different');
    await studio.writeDocument('a.topology.json', 'same');
    expect((await studio.recover()).map((d) => d.draft)).toEqual(['window-2']);
  });

  it('lists recently opened and saved files, newest first', async () => {
    const storage = new MemoryStorage();
    const studio = localStudio(storage);
    await studio.writeDocument('a.topology.json', 'a');
    await studio.writeDocument('b.topology.json', 'b');
    await studio.readDocument('a.topology.json');
    expect(await studio.recentDocuments()).toEqual(['a.topology.json', 'b.topology.json']);
    storage.removeItem('topograph.file:b.topology.json');
    expect(await localStudio(storage).recentDocuments()).toEqual(['a.topology.json']);
  });

  it('says a missing file is not found', async () => {
    await expect(localStudio(new MemoryStorage()).readDocument('x.topology.json')).rejects.toEqual(
      new StudioApiError('not-found', 'no file "x.topology.json" in browser storage'),
    );
  });

  it('offers the examples as templates, titled like the host does', async () => {
    const templates = await localStudio(new MemoryStorage()).templates();
    expect(templates.map((t) => [t.name, t.title])).toContainEqual([
      'word-count.topology.json',
      'Word Count',
    ]);
    expect(templates.every((t) => t.text.startsWith('{'))).toBe(true);
  });
});
