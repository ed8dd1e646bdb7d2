import { describe, expect, it } from 'vitest';
import { getKind } from '../catalog/catalog.js';
import { outputPortsOf, sourceHandleOf, targetHandleOf } from './ports.js';

describe('the output-port rule', () => {
  const branch = getKind('branch');
  const split = { branches: [{ name: 'big', predicate: '() => true' }], defaultBranch: 'rest' };

  it('takes the handle an edge names', () => {
    expect(sourceHandleOf({ sourceHandle: 'rest' }, branch, split)).toBe('rest');
  });

  it("gives an edge without a handle its source's first output, which for a split is its first branch", () => {
    expect(outputPortsOf(branch, split).map((p) => p.id)).toEqual(['big', 'rest']);
    expect(sourceHandleOf({}, branch, split)).toBe('big');
    expect(sourceHandleOf({}, getKind('filter'), { predicate: '() => true' })).toBe('out');
  });

  it('falls back to `out` while the kind or the config is not known, and inputs to `in`', () => {
    expect(outputPortsOf(branch, null)).toEqual([]);
    expect(sourceHandleOf({}, undefined, split)).toBe('out');
    expect(sourceHandleOf({}, branch, null)).toBe('out');
    expect(targetHandleOf({})).toBe('in');
    expect(targetHandleOf({ targetHandle: 'right' })).toBe('right');
  });
});
