import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { lambdaSources } from '../../renderer/src/monaco/lambda-fields.js';
import { typeCheckLambdas } from './ts-check.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
// The host offers every examples/*.topology.json as a template (host/src/documents.ts).
const templates = readdirSync(EXAMPLES).filter((f) => f.endsWith('.topology.json'));

describe('every template opens with zero lambda problems', () => {
  it('finds the templates', () => expect(templates.length).toBeGreaterThanOrEqual(3));

  it.each(templates)('%s', (file) => {
    const { document } = loadDocument(readFileSync(EXAMPLES + file, 'utf8'));
    if (!document) throw new Error(`${file} does not load`);
    const lambdas = lambdaSources(document);
    expect(lambdas.length).toBeGreaterThan(0);
    expect(typeCheckLambdas(lambdas)).toEqual([]);
  });
});
