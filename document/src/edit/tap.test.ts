import { describe, expect, it } from 'vitest';
import { getKind } from '../catalog/catalog.js';
import { tapNode } from './tap.js';

describe('tapNode', () => {
  it('is a node of the kind the catalog marks as a tap, with the code in its tap field, and a valid config', () => {
    const n = tapNode('t', { x: 1, y: 2 }, '(key, value) => {}');
    const spec = getKind(n.kind);
    expect(spec?.tapField).toBeDefined();
    expect(n).toEqual({
      id: 't',
      kind: spec?.kind,
      position: { x: 1, y: 2 },
      config: { [spec?.tapField ?? '']: '(key, value) => {}' },
    });
    expect(spec?.config.safeParse(n.config).success).toBe(true);
  });
});
