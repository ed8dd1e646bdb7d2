import { describe, expect, it } from 'vitest';
import { Serdes } from './serdes.js';

function javaLongBytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, value);
  return out;
}

describe('Serdes.long() halves fast path', () => {
  const long = Serdes.long();
  it.each([
    0,
    1,
    -1,
    255,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    -(2 ** 32),
    123_456_789_012,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ])('writes %d as Java does and reads it back', (value) => {
    expect(long.serialize(value, 't')).toEqual(javaLongBytes(BigInt(value)));
    expect(long.deserialize(javaLongBytes(BigInt(value)), 't')).toBe(value);
  });

  it('still handles values beyond 2^53 through BigInt', () => {
    expect(long.serialize(2 ** 60, 't')).toEqual(javaLongBytes(2n ** 60n));
    expect(long.deserialize(javaLongBytes(2n ** 60n + 1n), 't')).toBe(Number(2n ** 60n + 1n));
    expect(long.deserialize(javaLongBytes(-(2n ** 62n)), 't')).toBe(-(2 ** 62));
  });
});
