import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The runtime package's folder (the workspace `runtime/`). */
export function runtimeRoot(): string {
  const entry = fileURLToPath(import.meta.resolve('@topograph/runtime'));
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the @topograph/runtime package folder');
    dir = up;
  }
  return dir;
}

/**
 * Builds `@topograph/runtime` to JavaScript + declarations with tsc and packs it with `npm pack`, so an
 * exported project can vendor it as a tarball. Cached by a hash of the runtime's sources.
 */
export async function packRuntime(): Promise<string> {
  const root = runtimeRoot();
  const hash = await sourceHash(root);
  const cacheDir = join(tmpdir(), 'topograph-runtime-pack', hash);
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    description?: string;
    license?: string;
    dependencies?: Record<string, string>;
  };
  const tarball = join(cacheDir, `topograph-runtime-${manifest.version}.tgz`);
  if (existsSync(tarball)) return tarball;

  const staging = join(cacheDir, 'package');
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const tsc = join(dirname(fileURLToPath(import.meta.resolve('typescript'))), '..', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', join(staging, 'dist')]);
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? '';
    throw new Error(`building @topograph/runtime failed:\n${out}`);
  }
  const pkg = {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    license: manifest.license,
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist'],
    dependencies: manifest.dependencies ?? {},
  };
  await writeFile(join(staging, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await run('npm', ['pack', '--silent', '--pack-destination', cacheDir], { cwd: staging });
  if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  return tarball;
}

async function sourceHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        hash.update(relative(root, p)).update(await readFile(p));
      }
    }
  };
  await walk(join(root, 'src'));
  hash.update(await readFile(join(root, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Copies a file, creating its folder. */
export async function copyInto(file: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const dest = join(dir, name);
  await cp(file, dest);
  return dest;
}
