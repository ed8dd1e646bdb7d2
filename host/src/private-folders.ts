import { chmod, mkdir, stat } from 'node:fs/promises';

/** Folders the host creates are the user's only (files: see atomic-write.ts). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Thrown when a folder or file the host would use belongs to another user. */
export class ForeignOwnerError extends Error {
  override name = 'ForeignOwnerError';
}

export interface FolderCheck {
  /** The user the files must belong to; default the current process' (none on Windows: no check). */
  uid?: number | undefined;
  /**
   * Also take group and other permissions off an existing folder. For the host's own state folders; the
   * workspace is the user's and keeps the permissions they gave it.
   */
  tighten?: boolean;
}

const currentUid = (): number | undefined => process.getuid?.();

/**
 * Creates `path` (and missing parents) as 0700, or checks an existing one, refusing one that another user
 * owns: whoever owns a folder can plant or swap the files the designer reads, such as drafts it reopens,
 * profiles that say where secrets are, or documents it runs.
 */
export async function ensurePrivateFolder(path: string, check: FolderCheck = {}): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  const s = await stat(path);
  if (!s.isDirectory()) throw new Error(`${path} is not a folder`);
  assertOwned(path, s.uid, check.uid === undefined ? currentUid() : check.uid);
  if (check.tighten && (s.mode & 0o077) !== 0) await chmod(path, PRIVATE_DIR_MODE);
}

/** Checks an existing file the same way (and makes it 0600); a missing one is fine, it is created 0600. */
export async function ensurePrivateFile(
  path: string,
  check: Omit<FolderCheck, 'tighten'> = {},
): Promise<void> {
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (!s) return;
  assertOwned(path, s.uid, check.uid === undefined ? currentUid() : check.uid);
  if ((s.mode & 0o077) !== 0) await chmod(path, PRIVATE_FILE_MODE);
}

function assertOwned(path: string, owner: number, uid: number | undefined): void {
  if (uid === undefined || owner === uid) return;
  throw new ForeignOwnerError(
    `${path} belongs to another user (uid ${owner}, you are uid ${uid}). Topograph keeps documents, drafts ` +
      'and secrets only in folders you own, since their owner can change what the designer opens and runs. ' +
      'Move it away, or choose another folder (TOPOGRAPH_WORKSPACE for the workspace).',
  );
}
