import { describe, expect, it } from 'vitest';
import type { Serde } from '../serdes/serde.js';
import { Serdes } from '../serdes/serdes.js';
import { InMemoryKeyValueStore } from './key-value-store.js';
import { Stores } from './stores.js';
import {
  TimestampedKeyValueStore,
  valueAndTimestampSerde,
  withoutTimestamps,
} from './timestamped-key-value-store.js';

describe('InMemoryKeyValueStore', () => {
  it('puts, gets, deletes (null put deletes) and counts entries', () => {
    const store = new InMemoryKeyValueStore('s', Serdes.string(), Serdes.long());
    store.put('a', 1);
    store.put('b', 2);
    expect(store.get('a')).toBe(1);
    expect(store.putIfAbsent('a', 9)).toBe(1);
    expect(store.delete('a')).toBe(1);
    expect(store.delete('a')).toBeNull();
    store.put('b', null);
    expect(store.get('b')).toBeNull();
    expect(store.approximateNumEntries()).toBe(0);
    expect(() => store.put(null as unknown as string, 1)).toThrow(/null key/);
  });

  it('ranges follow unsigned byte order of serialized keys, inclusive, either direction', () => {
    const store = new InMemoryKeyValueStore('s', Serdes.string(), Serdes.string());
    store.putAll(['d', 'a', 'c', 'b', 'é'].map((k) => ({ key: k, value: k.toUpperCase() })));
    expect(store.all().map((e) => e.key)).toEqual(['a', 'b', 'c', 'd', 'é']);
    expect(store.range('b', 'd').map((e) => e.key)).toEqual(['b', 'c', 'd']);
    expect(store.reverseRange('b', null).map((e) => e.key)).toEqual(['é', 'd', 'c', 'b']);
    expect(store.range('d', 'b')).toEqual([]);
    expect(store.reverseAll()[0]).toEqual({ key: 'é', value: 'É' });
  });

  it('logs every write as bytes and restores without logging', () => {
    const log: [string, string | null][] = [];
    const decode = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));
    const store = new InMemoryKeyValueStore('s', Serdes.string(), Serdes.string());
    store.setChangeLogger((k, v) => log.push([decode(k) as string, decode(v)]));
    store.put('a', 'x');
    store.delete('a');
    store.delete('missing');
    expect(log).toEqual([
      ['a', 'x'],
      ['a', null],
    ]);
    store.restore(new TextEncoder().encode('r'), new TextEncoder().encode('y'));
    expect(store.get('r')).toBe('y');
    expect(log).toHaveLength(2);
  });

  it("timestamped values use Kafka's layout: 8-byte big-endian timestamp, then the value", () => {
    const serde = valueAndTimestampSerde(Serdes.string());
    const bytes = serde.serialize({ value: 'v', timestamp: 0x0102030405 }, 't');
    expect([...bytes]).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 118]);
    for (const timestamp of [0, -1, 1_700_000_000_000, Number.MAX_SAFE_INTEGER, -(2 ** 40)]) {
      expect(serde.deserialize(serde.serialize({ value: 'x', timestamp }, 't'), 't').timestamp).toBe(
        timestamp,
      );
    }
    expect([...serde.serialize({ value: '', timestamp: -1 }, 't')]).toEqual([
      255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });

  it('timestamped stores keep the timestamp; the plain view hides it', () => {
    const store = new TimestampedKeyValueStore('t', Serdes.string(), Serdes.string());
    store.put('k', { value: 'v', timestamp: 42 });
    expect(store.get('k')).toEqual({ value: 'v', timestamp: 42 });
    expect(withoutTimestamps(store).get('k')).toBe('v');
  });

  it('Stores validates names and builds logged stores by default', () => {
    expect(() => Stores.inMemoryKeyValueStore('bad name')).toThrow(/invalid store name/);
    const builder = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore('ok'),
      Serdes.string(),
      Serdes.long(),
    );
    expect(builder.loggingEnabled).toBe(true);
    expect(builder.withLoggingDisabled().loggingEnabled).toBe(false);
    expect(builder.build().name).toBe('ok');
  });
});

describe('InMemoryKeyValueStore key serialization', () => {
  const counting = <T>(inner: Serde<T>): { serde: Serde<T>; calls: () => number } => {
    let calls = 0;
    return {
      serde: {
        serialize: (value, topic) => {
          calls++;
          return inner.serialize(value, topic);
        },
        deserialize: (bytes, topic) => inner.deserialize(bytes, topic),
      },
      calls: () => calls,
    };
  };

  it('serializes a primitive key once for a get followed by a put of it (an aggregation update)', () => {
    const keys = counting(Serdes.string());
    const store = new InMemoryKeyValueStore('s', keys.serde, Serdes.long());
    const logged: [string, number | null][] = [];
    store.setChangeLogger((k, v) =>
      logged.push([new TextDecoder().decode(k), v === null ? null : Serdes.long().deserialize(v, 's')]),
    );
    for (const word of ['a', 'b', 'a', 'a']) store.put(word, (store.get(word) ?? 0) + 1);
    expect(keys.calls()).toBe(3); // a, b, a: the second 'a' in a row reuses the bytes of the first
    expect(store.get('a')).toBe(3);
    expect(store.get('b')).toBe(1);
    expect(logged).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
    ]);
  });

  it('tells 0 from -0 (a double serde writes them differently)', () => {
    const store = new InMemoryKeyValueStore('s', Serdes.double(), Serdes.string());
    store.put(0, 'zero');
    store.put(-0, 'minus zero');
    expect(store.get(0)).toBe('zero');
    expect(store.get(-0)).toBe('minus zero');
    expect(store.approximateNumEntries()).toBe(2);
  });

  it('serializes an object key every time, since it may have changed in between', () => {
    const keys = counting(Serdes.json<{ id: string }>());
    const store = new InMemoryKeyValueStore('s', keys.serde, Serdes.string());
    const key = { id: 'a' };
    store.put(key, 'first');
    key.id = 'b';
    store.put(key, 'second');
    expect(keys.calls()).toBe(2);
    expect(store.get({ id: 'a' })).toBe('first');
    expect(store.get({ id: 'b' })).toBe('second');
  });
});
