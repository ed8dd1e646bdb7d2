import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-folders.js';

/**
 * Writes a file so that a crash mid-write never leaves it half-written: the text goes to a temp file in the
 * same directory (same filesystem, so the rename is atomic), then replaces the target. When `backup` is set
 * and the file exists, its previous version is first copied to `<file>.bak`.
 *
 * A new file is 0600 (and new folders 0700): readable by the user only. A replaced file keeps its mode, unless
 * `mode` is given (the secrets file is 0600 whatever it was).
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  backup = false,
  mode?: number,
): Promise<string | null> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
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
    // Created 0600 so that not even the temp file is readable by others; chmod is not subject to the umask.
    await writeFile(temp, text, { flush: true, mode: PRIVATE_FILE_MODE });
    const keep = mode ?? (await existingMode(path)) ?? PRIVATE_FILE_MODE;
    if (keep !== PRIVATE_FILE_MODE) await chmod(temp, keep);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return backupPath;
}

async function existingMode(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
