// Unsigned lexicographic byte order, as Kafka's Bytes comparator: stores sort serialized keys this way so range
// queries behave like RocksDB/in-memory stores in Kafka Streams.
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** A Map key for bytes (each byte one UTF-16 unit, so distinct byte strings never collide). */
export function bytesKey(bytes: Uint8Array): string {
  // fromCharCode.apply takes the typed array as it is, where spreading a subarray first builds an argument
  // list: about 4x faster for the short keys stores see on every get and put.
  if (bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  }
  return s;
}

// V8 keeps typed arrays of up to 64 bytes on its heap; a view into one (`subarray`) first moves its bytes to a
// separately tracked off-heap backing store, which costs several times a small copy and burdens every GC after.
const ON_HEAP_MAX = 64;

/**
 * The bytes in [start, end) of `bytes`: a copy when that is small, a view (no copy) otherwise. For the inner
 * value of a wrapped layout (timestamped values, changes) that is read on every store lookup.
 */
export function bytesRange(bytes: Uint8Array, start: number, end: number = bytes.length): Uint8Array {
  return end - start <= ON_HEAP_MAX ? bytes.slice(start, end) : bytes.subarray(start, end);
}
