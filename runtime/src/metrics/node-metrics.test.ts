import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('is empty until something is recorded', () => {
    expect(new LatencyHistogram().percentile(0.5)).toBeNull();
  });

  it('places p50 and p99 within one bucket of the true value', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 98; i++) h.record(0.05);
    h.record(10);
    h.record(10);
    const p50 = h.percentile(0.5) ?? 0;
    const p99 = h.percentile(0.99) ?? 0;
    expect(p50).toBeGreaterThanOrEqual(0.05);
    expect(p50).toBeLessThan(0.05 * 1.2);
    expect(p99).toBeGreaterThanOrEqual(10);
    expect(p99).toBeLessThan(12);
  });

  it('clamps huge values into the last bucket and merges', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(1e9);
    b.record(0);
    a.add(b);
    expect(a.count).toBe(2);
    expect(a.percentile(0.5)).toBeLessThan(0.002);
    expect(a.percentile(1)).toBeGreaterThan(1000);
    expect(() => a.percentile(0)).toThrow(RangeError);
  });
});
