#!/usr/bin/env node
// Dependency-free entry point behind `npm start` and `npm test`: it must run on a fresh clone with nothing
// installed, so it may import only Node built-ins.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);
// Electron's postinstall downloads a binary, which these machines cannot do; the designer falls back to
// browser mode when the binary is missing.
const installEnv = {
  ...process.env,
  ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1',
};

function log(message) {
  process.stdout.write(`\x1b[36m[topograph]\x1b[0m ${message}\n`);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: installEnv, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function manifestHash() {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json'];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (
      dir.isDirectory() &&
      existsSync(join(root, dir.name, 'package.json')) &&
      dir.name !== 'node_modules'
    ) {
      files.push(join(dir.name, 'package.json'));
    }
  }
  for (const file of files.sort()) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex');
}

function ensureNpmDependencies() {
  const stamp = join(root, 'node_modules', '.topograph-install-stamp');
  const wanted = manifestHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const useCi = existsSync(join(root, 'package-lock.json'));
  log(
    `installing npm dependencies (${useCi ? 'npm ci' : 'npm install'}); this happens once per change of package.json`,
  );
  const status = run('npm', [useCi ? 'ci' : 'install', '--no-audit', '--no-fund']);
  if (status !== 0) {
    log('npm install failed; see the output above. Nothing was started.');
    process.exit(status);
  }
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, manifestHash());
}

const chromiumPath = process.env.TOPOGRAPH_CHROMIUM ?? '/usr/bin/chromium';

// What the tests need from the system, beyond npm: Chromium for the end-to-end tests, librdkafka (its mock
// cluster is the Kafka-protocol test broker) and a C compiler to build that broker.
const systemNeeds = [
  { what: 'Chromium (end-to-end tests)', present: () => existsSync(chromiumPath), debian: 'chromium' },
  {
    what: 'librdkafka headers (the mock Kafka broker of the integration tests)',
    present: () => Boolean(process.env.KAFKA_BROKERS) || existsSync('/usr/include/librdkafka/rdkafka_mock.h'),
    debian: 'librdkafka-dev',
  },
  {
    what: 'a C compiler (builds the mock Kafka broker)',
    present: () => Boolean(process.env.KAFKA_BROKERS) || onPath('cc'),
    debian: 'gcc',
  },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPackages() {
  const missing = systemNeeds.filter((need) => !need.present());
  if (missing.length === 0) return;
  const packages = missing.map((need) => need.debian);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    log(`installing Debian packages the tests need: ${packages.join(' ')}`);
    if (
      run('apt-get', ['update', '-q']) === 0 &&
      run('apt-get', ['install', '-y', '-q', ...packages]) === 0
    ) {
      if (missing.every((need) => need.present())) return;
    }
  }
  log(
    `The tests need ${missing.map((need) => need.what).join(', ')}. Install with:\n` +
      `    sudo apt-get install -y ${packages.join(' ')}\n` +
      'or point TOPOGRAPH_CHROMIUM at a Chromium binary and KAFKA_BROKERS at a Kafka cluster.',
  );
  process.exit(1);
}

function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

function testCommand() {
  ensureNpmDependencies();
  ensureSystemPackages();
  const steps = [
    ['lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']],
    ['format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
    ['typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json']],
  ];
  if (existsSync(join(root, 'renderer', 'tsconfig.json'))) {
    steps.push(['typecheck renderer (tsc)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']]);
  }
  const resultsFile = join(root, 'node_modules', '.cache', 'topograph-vitest.json');
  mkdirSync(dirname(resultsFile), { recursive: true });
  steps.push([
    'tests (vitest)',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...rest],
  ]);
  let failed = 0;
  for (const [name, cmd, args] of steps) {
    log(`${name}`);
    const status = run(cmd, args, { env: { ...installEnv, TOPOGRAPH_CHROMIUM: chromiumPath } });
    if (status !== 0) {
      log(`${name} failed`);
      failed++;
    }
  }
  // A closing line in the plain 'N passed, N failed' form, counted from vitest's JSON report.
  if (existsSync(resultsFile)) {
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    process.stdout.write(
      `\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
  process.exit(failed === 0 ? 0 : 1);
}

function startCommand() {
  ensureNpmDependencies();
  const entry = existsSync(join(root, 'host', 'start.ts')) ? 'host/start.ts' : 'examples/word-count/main.ts';
  process.exit(run(bin('tsx'), [entry, ...rest]));
}

if (command === 'test') testCommand();
else if (command === 'start') startCommand();
else if (command === 'install') ensureNpmDependencies();
else {
  log(`unknown command ${command}; use start, test or install`);
  process.exit(2);
}
