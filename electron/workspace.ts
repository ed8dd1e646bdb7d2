import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './host/studio-host.js';

/** Where documents live unless TOPOGRAPH_WORKSPACE says otherwise. */
export const defaultWorkspace = (): string => process.env.TOPOGRAPH_WORKSPACE ?? join(homedir(), 'Topograph');

/** Gives a new workspace the word-count example, so the first start has something to open and run. */
export async function seedWorkspace(workspace: string): Promise<void> {
  await mkdir(workspace, { recursive: true });
  const existing = await readdir(workspace);
  if (existing.some((n) => n.endsWith('.topology.json'))) return;
  await copyFile(
    join(REPO_ROOT, 'examples', 'word-count.topology.json'),
    join(workspace, 'word-count.topology.json'),
  );
}
