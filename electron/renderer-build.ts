import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './host/studio-host.js';

export const RENDERER_DIR = join(REPO_ROOT, 'renderer');
export const RENDERER_DIST = join(RENDERER_DIR, 'dist');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when renderer/dist is missing or older than any renderer source (or the shared api/codegen code). */
export function rendererIsStale(): boolean {
  const index = join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    join(RENDERER_DIR, 'src'),
    join(RENDERER_DIR, 'index.html'),
    join(RENDERER_DIR, 'vite.config.ts'),
    join(REPO_ROOT, 'api', 'src'),
    join(REPO_ROOT, 'codegen', 'src'),
  ].filter((p) => existsSync(p));
  return sources.some((p) => newestMtime(p) > built);
}

/** Builds the renderer with its own vite.config.ts when the build is out of date. */
export async function ensureRendererBuilt(log: (message: string) => void): Promise<string> {
  if (!rendererIsStale()) return RENDERER_DIST;
  log('building the designer UI (vite build; once per change of renderer/)');
  const { build } = await import('vite');
  await build({ configFile: join(RENDERER_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIST;
}
