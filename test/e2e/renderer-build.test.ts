import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './support/renderer-build.js';

describe('the designer build', () => {
  // vitest runs with NODE_ENV=test; a build that inherited it shipped React's development JSX runtime,
  // which rendered the canvas several times slower than users get.
  it('is a production build even when built from the test run', () => {
    const dist = ensureRendererBuilt();
    const assets = join(dist, 'assets');
    // The TypeScript worker mentions `jsxDEV` as text (the JSX factory it knows about); the app's own chunks
    // must not call it.
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js') && !f.includes('.worker'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const text = readFileSync(join(assets, f), 'utf8');
      expect(text, f).not.toContain('jsxDEV');
    }
  }, 300_000);
});
