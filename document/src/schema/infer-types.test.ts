import { describe, expect, it } from 'vitest';
import { inferTypeDeclaration } from './infer-types.js';

describe('inferTypeDeclaration', () => {
  it('merges samples: optional fields, unions, arrays and nesting', () => {
    const r = inferTypeDeclaration([
      { user: 'a', page: '/x', ms: 3, tags: ['t'], geo: { lat: 1 } },
      { user: 'b', page: null, tags: [], geo: { lat: 2, lon: 3 }, 'odd-key': true },
    ]);
    expect(r).toEqual({
      declaration: [
        '{',
        '  user: string;',
        '  page: null | string;',
        '  ms?: number;',
        '  tags: string[];',
        '  geo: {',
        '    lat: number;',
        '    lon?: number;',
        '  };',
        '  "odd-key"?: boolean;',
        '}',
      ].join('\n'),
    });
  });

  it('handles primitives and reports what it cannot infer', () => {
    expect(inferTypeDeclaration([1, 'a'])).toEqual({ declaration: 'number | string' });
    expect(inferTypeDeclaration([])).toEqual({ error: expect.stringMatching(/no sample/) });
    expect(inferTypeDeclaration([{ a: 1 }, [1]])).toEqual({
      error: expect.stringMatching(/mix objects and arrays/),
    });
  });
});
