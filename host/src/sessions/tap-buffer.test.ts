import { describe, expect, it, vi } from 'vitest';
import { TapBuffer } from './tap-buffer.js';

describe('tap buffer', () => {
  it('keeps the latest 50 records of active taps, oldest first, and ignores inactive ones', () => {
    vi.useFakeTimers();
    const flushed: Array<[string, unknown[]]> = [];
    const taps = new TapBuffer((id, records) => flushed.push([id, records.map((r) => r.value)]));
    taps.activate(['a']);
    for (let i = 0; i < 120; i++) taps.record('a', `k${i}`, i);
    taps.record('b', 'k', 'ignored');
    vi.advanceTimersByTime(300);
    expect(flushed).toEqual([['a', Array.from({ length: 50 }, (_, i) => 70 + i)]]);
    taps.record('a', 'k', 10n);
    vi.advanceTimersByTime(300);
    expect(flushed[1]).toEqual(['a', [10]]);
    taps.activate([]);
    taps.record('a', 'k', 1);
    vi.advanceTimersByTime(300);
    expect(flushed).toHaveLength(2);
    vi.useRealTimers();
  });
});
