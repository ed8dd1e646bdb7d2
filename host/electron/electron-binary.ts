import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/studio-host.js';

/**
 * The Electron executable when one is installed, else null. Reads the package's path.txt instead of
 * importing `electron`, whose index.js would try to download the binary (impossible on these machines).
 */
export function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    return existsSync(p) ? p : null;
  }
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
