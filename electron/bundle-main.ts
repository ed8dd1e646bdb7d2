import { join } from 'node:path';
import { REPO_ROOT } from './host/studio-host.js';

const OUT = join(REPO_ROOT, 'electron', 'dist');

/**
 * Bundles electron/main.ts and preload.ts to JavaScript for the Electron binary (which runs JS, not TS).
 * The preload is CommonJS because sandboxed preloads cannot be ES modules.
 */
export async function bundleElectronMain(): Promise<string> {
  const { build } = await import('esbuild');
  const external = ['electron', 'kafkajs', 'typescript', 'ts-morph', 'prettier', 'ws', 'vite', 'esbuild'];
  await build({
    entryPoints: [join(REPO_ROOT, 'electron', 'main.ts')],
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
    entryPoints: [join(REPO_ROOT, 'electron', 'preload.ts')],
    outfile: join(OUT, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
  return join(OUT, 'main.mjs');
}
