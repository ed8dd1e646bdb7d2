// Window specifications; the windowsFor cases are ported from Kafka's TimeWindowsTest.
import { describe, expect, it } from 'vitest';
import { JoinWindows } from './join-windows.js';
import { SessionWindows } from './session-windows.js';
import { SlidingWindows } from './sliding-windows.js';
import { BufferConfig, Suppressed } from './suppressed.js';
import { TimeWindows } from './time-windows.js';

describe('TimeWindows', () => {
  it('shouldComputeWindowsForHoppingWindows', () => {
    expect(TimeWindows.ofSizeWithNoGrace(12).advanceBy(5).windowsFor(21)).toEqual([
      { start: 10, end: 22 },
      { start: 15, end: 27 },
      { start: 20, end: 32 },
    ]);
  });

  it('shouldComputeWindowsForBarelyOverlappingHoppingWindows', () => {
    expect(TimeWindows.ofSizeWithNoGrace(6).advanceBy(5).windowsFor(7)).toEqual([{ start: 5, end: 11 }]);
  });

  it('shouldComputeWindowsForTumblingWindows', () => {
    expect(TimeWindows.ofSizeWithNoGrace(12).windowsFor(21)).toEqual([{ start: 12, end: 24 }]);
  });

  it('never creates windows that start before 0', () => {
    expect(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5).windowsFor(3)).toEqual([{ start: 0, end: 10 }]);
  });

  it('puts a timestamp on a window boundary in the window it starts (end is exclusive)', () => {
    expect(TimeWindows.ofSizeWithNoGrace(10).windowsFor(10)).toEqual([{ start: 10, end: 20 }]);
  });

  it('keeps size and grace', () => {
    const w = TimeWindows.ofSizeAndGrace(60_000, 5_000);
    expect([w.size(), w.gracePeriodMs(), w.advanceMs]).toEqual([60_000, 5_000, 60_000]);
    expect(TimeWindows.ofSizeWithNoGrace(10).gracePeriodMs()).toBe(0);
  });

  it('rejects bad sizes, advances and graces with a clear error', () => {
    expect(() => TimeWindows.ofSizeWithNoGrace(0)).toThrow(/larger than zero/);
    expect(() => TimeWindows.ofSizeWithNoGrace(-1)).toThrow(/must not be negative/);
    expect(() => TimeWindows.ofSizeWithNoGrace(1.5)).toThrow(/whole number/);
    expect(() => TimeWindows.ofSizeAndGrace(10, -1)).toThrow(/grace must not be negative/);
    expect(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(0)).toThrow(/advance/);
    expect(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(11)).toThrow(/at most the window size/);
  });
});

describe('SlidingWindows, SessionWindows, JoinWindows', () => {
  it('keep their time difference, gap and grace', () => {
    const sliding = SlidingWindows.ofTimeDifferenceAndGrace(5, 15);
    expect([sliding.timeDifferenceMs, sliding.gracePeriodMs()]).toEqual([5, 15]);
    const session = SessionWindows.ofInactivityGapAndGrace(30, 10);
    expect([session.inactivityGapMs, session.gracePeriodMs()]).toEqual([30, 10]);
    const join = JoinWindows.ofTimeDifferenceAndGrace(100, 10);
    expect([join.beforeMs, join.afterMs, join.size(), join.gracePeriodMs()]).toEqual([100, 100, 200, 10]);
    expect(JoinWindows.ofTimeDifferenceWithNoGrace(7).gracePeriodMs()).toBe(0);
  });

  it('JoinWindows.before/after make asymmetric windows and reject a negative interval (JoinWindowsTest)', () => {
    const w = JoinWindows.ofTimeDifferenceWithNoGrace(10).before(0).after(20);
    expect([w.beforeMs, w.afterMs, w.size()]).toEqual([0, 20, 20]);
    expect(JoinWindows.ofTimeDifferenceWithNoGrace(10).after(-5).size()).toBe(5);
    expect(() => JoinWindows.ofTimeDifferenceWithNoGrace(10).after(-11)).toThrow(/must not be negative/);
  });

  it('reject negative or zero durations (SlidingWindowsTest, SessionWindowsTest)', () => {
    expect(() => SlidingWindows.ofTimeDifferenceWithNoGrace(-1)).toThrow(/must not be negative/);
    expect(() => SlidingWindows.ofTimeDifferenceAndGrace(5, -1)).toThrow(/must not be negative/);
    expect(() => SessionWindows.ofInactivityGapWithNoGrace(0)).toThrow(/larger than zero/);
    expect(() => SessionWindows.ofInactivityGapAndGrace(5, -1)).toThrow(/must not be negative/);
    expect(() => JoinWindows.ofTimeDifferenceWithNoGrace(-1)).toThrow(/must not be negative/);
  });
});

describe('Suppressed', () => {
  it('untilWindowCloses needs a strict (unbounded) buffer, as Kafka requires', () => {
    expect(Suppressed.untilWindowCloses().mode).toEqual({ kind: 'untilWindowCloses' });
    expect(() => Suppressed.untilWindowCloses(BufferConfig.maxRecords(10))).toThrow(/shuts down when full/);
  });

  it('untilTimeLimit keeps its limit and buffer; withName names it', () => {
    const s = Suppressed.untilTimeLimit(500, BufferConfig.maxRecords(3)).withName('throttle');
    expect(s.mode).toEqual({ kind: 'untilTimeLimit', timeToWaitMs: 500 });
    expect(s.bufferConfig.maxRecords).toBe(3);
    expect(s.name).toBe('throttle');
    expect(() => Suppressed.untilTimeLimit(-1)).toThrow(/must not be negative/);
    expect(() => BufferConfig.maxRecords(1.5)).toThrow(/whole number of records/);
  });
});
