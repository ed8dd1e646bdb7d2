import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-folders.js';
import { REPO_ROOT } from './studio-host.js';

/** Where documents live unless TOPOGRAPH_WORKSPACE says otherwise. */
export const defaultWorkspace = (): string => process.env.TOPOGRAPH_WORKSPACE ?? join(homedir(), 'Topograph');

/** Gives a new workspace the word-count example, so the first start has something to open and run. */
export async function seedWorkspace(workspace: string): Promise<void> {
  // 0700 when new; StudioHost.prepare() checks who owns an existing one.
  await mkdir(workspace, { recursive: true, mode: PRIVATE_DIR_MODE });
  const existing = await readdir(workspace);
  if (existing.some((n) => n.endsWith('.topology.json'))) return;
  const seeded = join(workspace, 'word-count.topology.json');
  await copyFile(join(REPO_ROOT, 'examples', 'word-count.topology.json'), seeded);
  // copyFile keeps the example's 0644; a file the host creates is the user's only.
  await chmod(seeded, PRIVATE_FILE_MODE);
}
