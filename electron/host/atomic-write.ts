import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/**
 * Writes a file so that a crash mid-write never leaves it half-written: the text goes to a temp file in the
 * same directory (same filesystem, so the rename is atomic), then replaces the target. When `backup` is set
 * and the file exists, its previous version is first copied to `<file>.bak`.
 */
export async function writeFileAtomic(path: string, text: string, backup = false): Promise<string | null> {
  await mkdir(dirname(path), { recursive: true });
  let backupPath: string | null = null;
  if (backup) {
    try {
      await copyFile(path, `${path}.bak`);
      backupPath = `${path}.bak`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flush: true });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return backupPath;
}
