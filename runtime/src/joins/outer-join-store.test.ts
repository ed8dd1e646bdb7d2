import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { OuterJoinStore } from './outer-join-store.js';

const make = () => new OuterJoinStore('outer', Serdes.string(), Serdes.string(), Serdes.long());

describe('OuterJoinStore', () => {
  it('drains by (timestamp, side: right before left, key), keeping duplicates in arrival order', () => {
    const store = make();
    store.add('b', 5, true, 'L-b');
    store.add('a', 5, true, 'L-a1');
    store.add('a', 5, true, 'L-a2');
    store.add('z', 5, false, 7);
    store.add('a', 1, true, 'L-early');
    const drained = store.drain(() => 'emit');
    expect(drained.map((r) => r.leftValue ?? r.rightValue)).toEqual(['L-early', 7, 'L-a1', 'L-a2', 'L-b']);
    expect(store.approximateNumEntries()).toBe(0);
  });

  it('skips and stops as told, and forgets matched records', () => {
    const store = make();
    store.add('a', 1, true, 'x');
    store.add('b', 2, true, 'y');
    store.add('c', 3, true, 'z');
    store.removeMatched('b', 2, true);
    const drained = store.drain((ts) => (ts === 1 ? 'skip' : 'stop'));
    expect(drained).toEqual([]);
    expect(store.drain(() => 'emit').map((r) => r.key)).toEqual(['a', 'c']);
  });

  it('logs each change and restores the same contents from the changelog', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    const store = make();
    store.setChangeLogger((k, v) => log.push([k, v]));
    store.add('a', 1, true, 'x');
    store.add('a', 1, true, 'x2');
    store.add('b', 2, false, 9);
    store.removeMatched('b', 2, false);
    const restored = make();
    for (const [k, v] of log) restored.restore(k, v);
    expect(restored.drain(() => 'emit')).toEqual([
      { key: 'a', timestamp: 1, isLeftSide: true, leftValue: 'x', rightValue: null },
      { key: 'a', timestamp: 1, isLeftSide: true, leftValue: 'x2', rightValue: null },
    ]);
  });
});
