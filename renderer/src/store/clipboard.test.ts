import { copyNodes, emptyDocument, newNode } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { clipText, parseClip } from './clipboard.js';

describe('clipboard', () => {
  it('round-trips through clipboard text and rejects foreign text', () => {
    const doc = emptyDocument('t');
    const clip = copyNodes(
      { ...doc, nodes: [newNode(doc, 'source.stream', { x: 0, y: 0 })] },
      new Set(['stream']),
    );
    expect(parseClip(clipText(clip))).toEqual(clip);
    expect(parseClip('{"nodes":[]}')).toBeNull();
    expect(parseClip('not json')).toBeNull();
  });
});
