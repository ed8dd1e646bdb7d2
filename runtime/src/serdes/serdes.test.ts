import { describe, expect, it } from 'vitest';
import { SerdeError } from './serde.js';
import { Serdes } from './serdes.js';

describe('Serdes', () => {
  it('long() writes 8-byte big-endian like Java LongSerializer, reads numbers, accepts bigint', () => {
    const long = Serdes.long();
    expect([...long.serialize(1, 't')]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...long.serialize(-2, 't')]).toEqual([255, 255, 255, 255, 255, 255, 255, 254]);
    expect(long.deserialize(long.serialize(1234567890123, 't'), 't')).toBe(1234567890123);
    const wide = Serdes.longOrBigInt();
    expect([...wide.serialize(2n ** 40n, 't')]).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(() => long.serialize(1.5, 't')).toThrow(SerdeError);
    expect(() => long.deserialize(new Uint8Array(4), 't')).toThrow(/expects 8 bytes/);
  });

  it('double() round-trips IEEE-754 big-endian', () => {
    const d = Serdes.double();
    expect(d.deserialize(d.serialize(Math.PI, 't'), 't')).toBe(Math.PI);
    expect([...d.serialize(1, 't')]).toEqual([0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
  });

  it('string() is UTF-8 and rejects invalid bytes', () => {
    const s = Serdes.string();
    expect(s.deserialize(s.serialize('héllo ✓', 't'), 't')).toBe('héllo ✓');
    expect(() => s.deserialize(new Uint8Array([0xff, 0xfe]), 'topic-x')).toThrow(/invalid UTF-8.*topic-x/);
  });

  it('json() round-trips and reports bad JSON', () => {
    const j = Serdes.json<{ a: number[] }>();
    expect(j.deserialize(j.serialize({ a: [1, 2] }, 't'), 't')).toEqual({ a: [1, 2] });
    expect(() => j.deserialize(new TextEncoder().encode('{nope'), 't')).toThrow(/invalid JSON/);
  });

  it('bytes() passes bytes through', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(Serdes.bytes().deserialize(Serdes.bytes().serialize(bytes, 't'), 't')).toEqual(bytes);
  });
});
