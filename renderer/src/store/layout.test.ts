import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, LIMITS, readLayout } from './layout.js';

describe('remembered panel sizes', () => {
  it('reads back what was stored', () => {
    const stored = {
      inspectorWidth: 400,
      bottomHeight: 250,
      dockHeight: 360,
      bottomOpen: false,
      minimap: false,
    };
    expect(readLayout(JSON.stringify(stored))).toEqual(stored);
  });

  it('falls back to the defaults for missing, mistyped or unreadable values, and clamps sizes', () => {
    expect(readLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(readLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(JSON.stringify({ inspectorWidth: 'wide', minimap: 1 }))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(JSON.stringify({ inspectorWidth: 5, dockHeight: 99_999 }))).toMatchObject({
      inspectorWidth: LIMITS.inspectorWidth.min,
      dockHeight: LIMITS.dockHeight.max,
    });
  });
});
