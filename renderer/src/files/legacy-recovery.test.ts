import { StudioApiError } from '@topograph/api';
import { describe, expect, it } from 'vitest';
import { localStudio } from '../api/local.js';
import { draftSink } from './autosave.js';
import { MemoryStorage } from '../test-support/memory-storage.js';
import { adoptLegacyRecovery } from './legacy-recovery.js';

const legacy = (filePath: string | null) =>
  JSON.stringify({ filePath, text: '{"edited":true}', savedText: '{}', time: 1 });

describe('unsaved work left in browser storage by an older designer', () => {
  it('becomes a draft the host offers, and leaves browser storage', async () => {
    const pageStorage = new MemoryStorage();
    pageStorage.setItem('topograph.recovery', legacy('a.topology.json'));
    const studio = localStudio(new MemoryStorage());
    await adoptLegacyRecovery(draftSink(studio), pageStorage);
    expect(await studio.call('documents.recover', {})).toMatchObject([
      { path: 'a.topology.json', text: '{"edited":true}' },
    ]);
    expect(pageStorage.getItem('topograph.recovery')).toBeNull();
  });

  it('keeps the work as an untitled draft when the host refuses its old file name', async () => {
    const pageStorage = new MemoryStorage();
    pageStorage.setItem('topograph.recovery', legacy('../outside.topology.json'));
    const local = localStudio(new MemoryStorage());
    const calls: Array<string | null> = [];
    const sink = {
      autosave: async (draft: string, path: string | null, text: string) => {
        calls.push(path);
        if (path !== null) throw new StudioApiError('invalid-input', 'path: a path may not contain ".."');
        await draftSink(local).autosave(draft, path, text);
      },
    };
    await adoptLegacyRecovery(sink, pageStorage);
    expect(calls).toEqual(['../outside.topology.json', null]);
    expect(await local.call('documents.recover', {})).toMatchObject([
      { path: null, text: '{"edited":true}' },
    ]);
  });

  it('stays in browser storage when the draft cannot be written, to be tried on the next start', async () => {
    const pageStorage = new MemoryStorage();
    pageStorage.setItem('topograph.recovery', legacy(null));
    const sink = { autosave: () => Promise.reject(new Error('host gone')) };
    await expect(adoptLegacyRecovery(sink, pageStorage)).rejects.toThrow('host gone');
    expect(pageStorage.getItem('topograph.recovery')).toBe(legacy(null));
  });
});
