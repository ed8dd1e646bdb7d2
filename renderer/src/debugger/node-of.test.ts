import { describe, expect, it } from 'vitest';
import { canvasNodeOf } from './node-of.js';

describe('canvasNodeOf', () => {
  it('maps processors to their canvas node, the longest id prefix winning', () => {
    const ids = ['with', 'with-search', 'trades'];
    expect(canvasNodeOf('trades', ids)).toBe('trades');
    expect(canvasNodeOf('with-search-this-join', ids)).toBe('with-search');
    expect(canvasNodeOf('with-x', ids)).toBe('with');
    expect(canvasNodeOf('KSTREAM-SOURCE-0000000000', ids)).toBeNull();
  });
});
