import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topograph-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('atomic writes', () => {
  it('replaces the file, keeps the previous version as .bak and leaves no temp files', async () => {
    const file = join(dir, 'sub', 'a.topology.json');
    expect(await writeFileAtomic(file, 'one', true)).toBeNull();
    expect(await writeFileAtomic(file, 'two', true)).toBe(`${file}.bak`);
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
    expect((await readdir(join(dir, 'sub'))).sort()).toEqual(['a.topology.json', 'a.topology.json.bak']);
  });
});
