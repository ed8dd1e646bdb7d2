// Big-endian fixed-width integers read and written byte by byte.
//
// Why not DataView: a DataView needs `bytes.buffer`, and asking a small (on-heap) typed array for its buffer makes
// V8 move the bytes off the heap into a separately tracked backing store. The engine writes several such
// numbers per record (long values, timestamps of stored values, window times of changelog keys), and most of those
// arrays stay alive in a log or store: the backing stores were a large part of the GC time in the profiles
// (bench/README.md). Why not BigInt: a BigInt per changelog key is an allocation too.

const TWO_32 = 4294967296;

export function writeInt32BE(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = value >>> 16;
  out[offset + 2] = value >>> 8;
  out[offset + 3] = value;
}

export function readInt32BE(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) << 24) |
    ((bytes[offset + 1] as number) << 16) |
    ((bytes[offset + 2] as number) << 8) |
    (bytes[offset + 3] as number)
  );
}

export function readUint32BE(bytes: Uint8Array, offset: number): number {
  return readInt32BE(bytes, offset) >>> 0;
}

/**
 * Writes a 64-bit two's complement integer as Java's `long` (8 bytes, big-endian). Safe integers go as two 32-bit
 * halves; anything else takes the BigInt path, which throws a RangeError for a non-integer as `BigInt()` does.
 */
export function writeInt64BE(out: Uint8Array, offset: number, value: number): void {
  if (Number.isSafeInteger(value)) {
    const high = Math.floor(value / TWO_32);
    writeInt32BE(out, offset, high);
    writeInt32BE(out, offset + 4, value - high * TWO_32);
    return;
  }
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigInt64(
    offset,
    BigInt.asIntN(64, BigInt(value)),
  );
}

/** Reads a Java `long` (8 bytes, big-endian) as a number; beyond ±2^53 it is rounded, as `Number(bigint)` does. */
export function readInt64BE(bytes: Uint8Array, offset: number): number {
  const high = readInt32BE(bytes, offset);
  // |high| < 2^21 means the value is a safe integer, exactly representable from its halves.
  if (high >= -0x200000 && high < 0x200000) return high * TWO_32 + readUint32BE(bytes, offset + 4);
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(offset));
}
