import { join } from 'node:path';
import { REPO_ROOT } from '../src/studio-host.js';

// host/dist, two levels below the root as host/src/paths.ts is, so REPO_ROOT holds in the bundle too.
const OUT = join(REPO_ROOT, 'host', 'dist');

/**
 * Bundles host/electron/main.ts and preload.ts to JavaScript for the Electron binary (which runs JS, not TS).
 * The preload is CommonJS because sandboxed preloads cannot be ES modules.
 */
export async function bundleElectronMain(): Promise<string> {
  const { build } = await import('esbuild');
  const external = ['electron', 'kafkajs', 'typescript', 'ts-morph', 'prettier', 'ws', 'vite', 'esbuild'];
  await build({
    entryPoints: [join(REPO_ROOT, 'host', 'electron', 'main.ts')],
    outfile: join(OUT, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(REPO_ROOT, 'host', 'electron', 'preload.ts')],
    outfile: join(OUT, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
  return join(OUT, 'main.mjs');
}
