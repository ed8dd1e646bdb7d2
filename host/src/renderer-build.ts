import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './studio-host.js';

export const RENDERER_DIR = join(REPO_ROOT, 'renderer');
export const RENDERER_DIST = join(RENDERER_DIR, 'dist');

/** Every input of the renderer build: a change to any of them means the built designer is stale. */
const INPUTS = [
  'renderer/src',
  'renderer/index.html',
  'renderer/vite.config.ts',
  'document/src',
  'api/src',
  'examples',
  'package-lock.json',
];

// Content, not mtimes: a checkout or `git stash` can leave an old build looking newer than its sources.
function hashInputs(): string {
  const h = createHash('sha256');
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const e of readdirSync(path).sort()) if (!e.endsWith('.test.ts')) visit(join(path, e));
    } else {
      h.update(relative(REPO_ROOT, path));
      h.update(readFileSync(path));
    }
  };
  for (const i of INPUTS) visit(join(REPO_ROOT, i));
  return h.digest('hex');
}

const STAMP = join(RENDERER_DIST, '.sources-hash');

/**
 * Builds the renderer with its vite.config.ts unless renderer/dist is current; `npm start`, the e2e tests and
 * the canvas bench all share this one build.
 *
 * The build runs in its own process with NODE_ENV=production: Vite keeps an inherited NODE_ENV (vitest sets
 * `test`), and React's JSX runtime then builds in development mode, which made panning a large canvas several
 * times slower.
 */
export function ensureRendererBuilt(log: (message: string) => void = () => {}): string {
  const hash = hashInputs();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return RENDERER_DIST;
  log('building the designer UI (vite build; once per change of renderer/)');
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: RENDERER_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  writeFileSync(STAMP, hash);
  return RENDERER_DIST;
}
