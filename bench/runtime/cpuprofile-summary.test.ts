import { describe, expect, it } from 'vitest';
import { summarizeProfile, type CpuProfile } from './cpuprofile-summary.js';

const frame = (functionName: string, url = '') => ({ functionName, url });

// root → run (measure.ts) → parse (serdes.ts); root → lines (data.ts) → parse; root → (idle); root → (gc)
const profile: CpuProfile = {
  startTime: 1000,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 6, 7] },
    { id: 2, callFrame: frame('run', 'file:///repo/bench/runtime/measure.ts'), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///repo/runtime/src/serdes/serdes.ts') },
    { id: 4, callFrame: frame('lines', 'file:///repo/bench/runtime/data.ts'), children: [5] },
    { id: 5, callFrame: frame('parse', 'file:///repo/runtime/src/serdes/serdes.ts') },
    { id: 6, callFrame: frame('(idle)') },
    { id: 7, callFrame: frame('(garbage collector)') },
  ],
  // Clock after each sample: 1010, 1020, 1050, 1060, 1100, 1200.
  samples: [3, 3, 5, 6, 7, 3],
  timeDeltas: [10, 10, 30, 10, 40, 100],
};

describe('summarizeProfile', () => {
  it('charges self time to functions and files, leaving out idle and the input generator', () => {
    const summary = summarizeProfile(profile);
    expect(summary.busyUs).toBe(160);
    expect(summary.idleUs).toBe(10);
    expect(summary.setUpUs).toBe(30);
    expect(summary.functions).toEqual([
      ['parse  runtime/src/serdes/serdes.ts', 120],
      ['(garbage collector)', 40],
    ]);
    expect(summary.files[0]).toEqual(['runtime/src/serdes/serdes.ts', 120]);
  });

  it('counts only samples inside the window', () => {
    const summary = summarizeProfile(profile, { fromUs: 1015, toUs: 1100 });
    expect(summary.busyUs).toBe(50);
    expect(summary.functions).toEqual([
      ['(garbage collector)', 40],
      ['parse  runtime/src/serdes/serdes.ts', 10],
    ]);
  });
});
