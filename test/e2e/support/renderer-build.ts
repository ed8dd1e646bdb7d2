import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIST = join(ROOT, 'renderer', 'dist');

/** Every input of the renderer build: a change to any of them means the cached build is stale. */
const INPUTS = [
  'renderer/src',
  'renderer/index.html',
  'renderer/vite.config.ts',
  'codegen/src',
  'api/src',
  'examples',
  'package-lock.json',
];

function hashInputs(): string {
  const h = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const e of readdirSync(path).sort()) if (!e.endsWith('.test.ts')) visit(join(path, e));
    } else {
      h.update(relative(ROOT, path));
      h.update(readFileSync(path));
    }
  };
  for (const i of INPUTS) visit(join(ROOT, i));
  return h.digest('hex');
}

/**
 * Builds the renderer with Vite unless `renderer/dist` was built from the same sources (e2e files and the
 * canvas bench share one build). Returns the dist folder.
 */
export function ensureRendererBuilt(): string {
  const stamp = join(RENDERER_DIST, '.sources-hash');
  const hash = hashInputs();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return RENDERER_DIST;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: join(ROOT, 'renderer'),
      stdio: 'inherit',
    },
  );
  writeFileSync(stamp, hash);
  return RENDERER_DIST;
}
