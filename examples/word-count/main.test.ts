import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', '..', 'node_modules', '.bin', 'tsx');

describe('examples/word-count/main.ts (what npm start runs)', () => {
  it('counts the sample lines on the embedded cluster and exits cleanly', () => {
    const run = spawnSync(tsx, [join(here, 'main.ts')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  kafka: 3');
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      'final counts: all=1 hello=1 join=1 kafka=3 lead=1 streams=2 summit=1 to=1',
    );
  });

  it('with --follow counts lines from stdin until it ends', () => {
    const run = spawnSync(tsx, [join(here, 'main.ts'), '--follow'], {
      encoding: 'utf8',
      timeout: 60_000,
      input: 'Hello world\nhello again\n',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      'final counts: again=1 all=1 hello=3 join=1 kafka=3 lead=1 streams=2 summit=1 to=1 world=1',
    );
  });
});
