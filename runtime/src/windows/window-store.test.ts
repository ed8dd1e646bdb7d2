import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { InMemoryWindowStore } from './window-store.js';

function store(retentionMs = 100, retainDuplicates = false) {
  return new InMemoryWindowStore('w', Serdes.string(), Serdes.string(), {
    retentionMs,
    windowSizeMs: 10,
    retainDuplicates,
  });
}

describe('InMemoryWindowStore', () => {
  it('fetches by key and window start; null deletes', () => {
    const s = store();
    s.put('a', 'x', 0);
    s.put('a', 'y', 10);
    s.put('b', 'z', 0);
    expect(s.fetch('a', 0)).toBe('x');
    expect(s.fetch('a', 5)).toBeNull();
    s.put('a', null, 0);
    expect(s.fetch('a', 0)).toBeNull();
    expect(s.approximateNumEntries()).toBe(2);
  });

  it('ranges by time then key, with windowed keys carrying the window end', () => {
    const s = store();
    s.put('b', '1', 10);
    s.put('a', '2', 10);
    s.put('a', '3', 0);
    expect(s.fetchRange('a', 0, 10)).toEqual([
      { timestamp: 0, value: '3' },
      { timestamp: 10, value: '2' },
    ]);
    expect(s.backwardFetchRange('a', 0, 10).map((v) => v.value)).toEqual(['2', '3']);
    expect(s.fetchAll(10, 10)).toEqual([
      { key: { key: 'a', window: { start: 10, end: 20 } }, value: '2' },
      { key: { key: 'b', window: { start: 10, end: 20 } }, value: '1' },
    ]);
    expect(s.fetchKeyRange('b', null, 0, 100).map((e) => e.value)).toEqual(['1']);
    expect(s.all().length).toBe(3);
  });

  it('expires windows that fall behind stream time minus retention, and ignores late puts to them', () => {
    const s = store(100);
    s.put('a', 'old', 0);
    s.put('a', 'new', 100); // stream time 100: window 0 is at the retention boundary and expires
    expect(s.fetch('a', 0)).toBeNull();
    expect(s.fetchRange('a', 0, 100).map((v) => v.value)).toEqual(['new']);
    s.put('a', 'late', 0);
    expect(s.fetch('a', 0)).toBeNull();
    s.put('a', 'kept', 1);
    expect(s.fetch('a', 1)).toBe('kept');
  });

  it('keeps the range of each key in time order whatever the arrival order, through deletes', () => {
    const s = store(1_000);
    for (const t of [50, 10, 30, 20, 40]) s.put('a', `v${t}`, t);
    s.put('b', 'other', 25);
    s.put('a', null, 30);
    expect(s.fetchRange('a', 15, 45).map((v) => v.value)).toEqual(['v20', 'v40']);
    expect(s.fetchRange('a', 0, 1_000).map((v) => v.timestamp)).toEqual([10, 20, 40, 50]);
    expect(s.fetchRange('missing', 0, 1_000)).toEqual([]);
  });

  it('stays correct across many expirations (the live range is compacted now and then)', () => {
    const s = store(100, true);
    for (let t = 0; t < 3_000; t++) s.put(t % 2 === 0 ? 'even' : 'odd', `v${t}`, t);
    expect(s.approximateNumEntries()).toBe(100); // starts 2900..2999 are live
    expect(s.fetchRange('even', 0, 3_000).map((v) => v.timestamp)).toEqual(
      Array.from({ length: 50 }, (_, i) => 2_900 + 2 * i),
    );
    s.put('odd', 'late', 2_901); // out of order but live: inserted in place
    expect(s.fetchRange('odd', 2_901, 2_901).map((v) => v.value)).toEqual(['v2901', 'late']);
  });

  it('keeps every put when retaining duplicates (stream–stream join stores)', () => {
    const s = store(100, true);
    s.put('a', 'first', 5);
    s.put('a', 'second', 5);
    s.put('a', null, 5); // ignored, as in Kafka
    expect(s.fetchRange('a', 0, 10).map((v) => v.value)).toEqual(['first', 'second']);
  });

  it('logs every write with Kafka changelog keys and restores from them', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    const s = store();
    s.setChangeLogger((k, v) => log.push([k, v]));
    s.put('a', 'x', 0);
    s.put('b', 'y', 10);
    s.put('a', null, 0);
    // [key bytes]["start" 8 bytes][seq 4 bytes]
    expect(Array.from(log[0]?.[0] ?? [])).toEqual([97, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const restored = store();
    for (const [k, v] of log) restored.restore(k, v);
    expect(restored.all()).toEqual(s.all());
    expect(restored.fetch('b', 10)).toBe('y');
  });

  it('restores a store keeping duplicates, a tombstone removing only its own sequence number', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    const s = store(100, true);
    s.setChangeLogger((k, v) => log.push([k, v]));
    s.put('a', 'first', 5);
    s.put('a', 'second', 5);
    s.put('b', 'third', 5);
    const restored = store(100, true);
    for (const [k, v] of log) restored.restore(k, v);
    expect(restored.fetchRange('a', 0, 10).map((v) => v.value)).toEqual(['first', 'second']);
    // A tombstone for (a, 5, seq of 'first'), as a compacted changelog can carry.
    restored.restore(log[0]![0], null);
    expect(restored.fetchRange('a', 0, 10).map((v) => v.value)).toEqual(['second']);
    expect(restored.all().map((e) => e.value)).toEqual(['second', 'third']);
    expect(restored.approximateNumEntries()).toBe(2);
  });

  it('rejects null keys and a retention shorter than the window', () => {
    expect(() => store().put(null as unknown as string, 'x', 0)).toThrow(/null key/);
    expect(
      () =>
        new InMemoryWindowStore('w', Serdes.string(), Serdes.string(), { retentionMs: 5, windowSizeMs: 10 }),
    ).toThrow(/at least the window size/);
  });
});
