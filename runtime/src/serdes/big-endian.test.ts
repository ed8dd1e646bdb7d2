import { describe, expect, it } from 'vitest';
import { readInt32BE, readInt64BE, readUint32BE, writeInt32BE, writeInt64BE } from './big-endian.js';

function viaDataView64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, value);
  return out;
}

describe('big-endian integers without DataView', () => {
  it.each([
    0,
    1,
    -1,
    255,
    256,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 32 - 1,
    2 ** 32,
    -(2 ** 32),
    1_733_000_000_000,
    -1_733_000_000_000,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ])('writes %d as Java LongSerializer does and reads it back', (value) => {
    const out = new Uint8Array(10);
    writeInt64BE(out, 1, value);
    expect(out.subarray(1, 9)).toEqual(viaDataView64(BigInt(value)));
    expect(out[0]).toBe(0);
    expect(out[9]).toBe(0);
    expect(readInt64BE(out, 1)).toBe(value);
    expect(readInt64BE(viaDataView64(BigInt(value)), 0)).toBe(value);
  });

  it('goes through BigInt beyond 2^53 in both directions', () => {
    const out = new Uint8Array(8);
    writeInt64BE(out, 0, 2 ** 60);
    expect(out).toEqual(viaDataView64(2n ** 60n));
    expect(readInt64BE(out, 0)).toBe(2 ** 60);
    expect(readInt64BE(viaDataView64(-(2n ** 62n)), 0)).toBe(-(2 ** 62));
  });

  it('refuses a fraction as BigInt does', () => {
    expect(() => writeInt64BE(new Uint8Array(8), 0, 1.5)).toThrow(RangeError);
  });

  it.each([0, 1, -1, 0x7fffffff, -0x80000000, 0x12345678])(
    'int32 %d round-trips as DataView writes it',
    (v) => {
      const out = new Uint8Array(4);
      writeInt32BE(out, 0, v);
      const expected = new Uint8Array(4);
      new DataView(expected.buffer).setInt32(0, v);
      expect(out).toEqual(expected);
      expect(readInt32BE(out, 0)).toBe(v);
      expect(readUint32BE(out, 0)).toBe(v >>> 0);
    },
  );

  it('writes uint32 halves that do not fit an int32', () => {
    const out = new Uint8Array(4);
    writeInt32BE(out, 0, 0xfedcba98);
    expect(readUint32BE(out, 0)).toBe(0xfedcba98);
  });
});
