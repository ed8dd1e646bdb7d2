import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { InMemorySessionStore } from './session-store.js';
import type { Windowed } from './window.js';

const session = (key: string, start: number, end: number): Windowed<string> => ({
  key,
  window: { start, end },
});

describe('InMemorySessionStore', () => {
  it('finds sessions overlapping [earliest end, latest start] for a key', () => {
    const s = new InMemorySessionStore('s', Serdes.string(), Serdes.long(), 1_000);
    s.put(session('a', 0, 10), 2);
    s.put(session('a', 20, 30), 3);
    s.put(session('b', 0, 10), 1);
    expect(s.findSessions('a', 5, 25).map((e) => e.key.window)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ]);
    expect(s.findSessions('a', 11, 19)).toEqual([]);
    expect(s.fetchSession('a', 20, 30)).toBe(3);
    expect(s.fetch('b')).toEqual([{ key: session('b', 0, 10), value: 1 }]);
  });

  it('removes sessions and expires those ending before stream time minus retention', () => {
    const s = new InMemorySessionStore('s', Serdes.string(), Serdes.long(), 100);
    s.put(session('a', 0, 10), 1);
    s.remove(session('a', 0, 10));
    expect(s.all()).toEqual([]);
    s.put(session('a', 0, 10), 1);
    s.put(session('a', 200, 210), 2); // stream time 210: the first session expired
    expect(s.all().map((e) => e.value)).toEqual([2]);
    s.put(session('a', 0, 5), 9); // too late to store
    expect(s.fetchSession('a', 0, 5)).toBeNull();
  });

  it('logs [key][end][start] changelog keys and restores from them', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    const s = new InMemorySessionStore('s', Serdes.string(), Serdes.long(), 1_000);
    s.setChangeLogger((k, v) => log.push([k, v]));
    s.put(session('a', 1, 2), 5);
    s.put(session('a', 3, 4), 6);
    s.remove(session('a', 1, 2));
    expect(Array.from(log[0]?.[0] ?? [])).toEqual([97, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    const restored = new InMemorySessionStore('s', Serdes.string(), Serdes.long(), 1_000);
    for (const [k, v] of log) restored.restore(k, v);
    expect(restored.all()).toEqual([{ key: session('a', 3, 4), value: 6 }]);
  });

  it('rejects a session that ends before it starts', () => {
    const s = new InMemorySessionStore('s', Serdes.string(), Serdes.long(), 1_000);
    expect(() => s.put(session('a', 5, 4), 1)).toThrow(/before start/);
  });
});
