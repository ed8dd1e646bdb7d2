import { emptyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { templateOfType, valueTemplate } from './value-template.js';

describe('valueTemplate', () => {
  const doc = {
    ...emptyDocument('t'),
    types: [
      { name: 'Click', declaration: '{ user: string; page: string; referrer?: string }' },
      { name: 'User', samples: [{ country: 'UK', premium: true }] },
      {
        name: 'Order',
        declaration: "{ id: number; items: Item[]; state: 'new' | 'paid'; note: string | null }",
      },
      { name: 'Item', declaration: '{ sku: string }' },
    ],
  };

  it('shapes a value like the declaration, leaving optional members out', () => {
    expect(valueTemplate(doc, 'json', 'Click')).toEqual({ user: '', page: '' });
    expect(valueTemplate(doc, 'json', 'Order')).toEqual({ id: 0, items: [], state: 'new', note: '' });
  });

  it("takes a sampled type's first sample", () => {
    expect(valueTemplate(doc, 'json', 'User')).toEqual({ country: 'UK', premium: true });
  });

  it('follows the serde for plain topics and unknown types', () => {
    expect(valueTemplate(doc, 'string', undefined)).toBe('');
    expect(valueTemplate(doc, 'long', undefined)).toBe(0);
    expect(valueTemplate(doc, 'json', 'Missing')).toEqual({});
  });

  it('reads nested objects, named types and generics', () => {
    expect(
      templateOfType('{ a: { b: boolean }; c: Record<string, number>; d: Array<string>; e: Item }', doc),
    ).toEqual({
      a: { b: false },
      c: {},
      d: [],
      e: { sku: '' },
    });
  });

  it('gives up on what it cannot read instead of guessing', () => {
    expect(templateOfType('{ a: string')).toBeUndefined();
    expect(templateOfType('keyof Foo & { x: 1 }')).toBeUndefined();
  });
});
