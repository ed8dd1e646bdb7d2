import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAMBDA_DECLARATIONS } from './lambda-env.js';

const runtime = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../runtime/src/${path}`, import.meta.url)), 'utf8');

/** Source without comments and with whitespace collapsed, so declarations compare by their tokens. */
const tokens = (text: string): string =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Top-level declarations of a text: each starts at column 0 with `type` or `interface`. */
const declarations = (text: string): string[] =>
  text
    .split(/\n(?=type |interface )/)
    .map(tokens)
    .filter((d) => d !== '');

describe('LAMBDA_DECLARATIONS', () => {
  const sources = tokens(
    ['processor/api.ts', 'windows/window.ts', 'state/key-value-store.ts'].map(runtime).join('\n'),
  );

  it.each(declarations(LAMBDA_DECLARATIONS))('is the runtime’s own %s', (decl) => {
    expect(sources).toContain(`export ${decl}`);
  });
});
