import { describe, expect, it } from 'vitest';
import { diffBase, type Generated } from './diff-base.js';

const gen = (docText: string, sourceName: string): Generated => ({
  docText,
  sourceName,
  code: `// from ${sourceName}\n${docText}\n`,
});

describe('the code diff base', () => {
  it('is the last save generated under the same header', () => {
    const saved = gen('v1', 'a.topology.json');
    expect(diffBase(gen('v2', 'a.topology.json'), saved, 'v1')).toBe(saved.code);
  });

  it('never pairs code of different headers: a Save as renamed the file the header names', () => {
    const live = gen('v2', 'b.topology.json');
    expect(diffBase(live, gen('v1', 'an unsaved topology document'), 'v1')).toBe(live.code);
  });

  it('never uses code of an earlier save that answered late', () => {
    const live = gen('v3', 'a.topology.json');
    expect(diffBase(live, gen('v1', 'a.topology.json'), 'v2')).toBe(live.code);
  });

  it('is the live code when the canvas is the last save', () => {
    const live = gen('v1', 'a.topology.json');
    expect(diffBase(live, gen('v0', 'a.topology.json'), 'v1')).toBe(live.code);
  });
});
