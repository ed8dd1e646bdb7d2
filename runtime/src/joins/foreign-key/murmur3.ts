// Kafka's org.apache.kafka.streams.state.internals.Murmur3#hash128 (the x64 128-bit variant), which the
// foreign-key join uses to tell whether a subscription response still matches the left record's current value.
// BigInt keeps the 64-bit arithmetic exact; the hash runs once per left-side update and once per response,
// never per store access, so its cost does not matter next to the record's serialization.

const MASK = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;
const M = 5n;
const N1 = 0x52dce729n;
const N2 = 0x38495ab5n;

/** Kafka's Murmur3.DEFAULT_SEED. */
export const MURMUR3_DEFAULT_SEED = 104729;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK;
}

function mul(a: bigint, b: bigint): bigint {
  return (a * b) & MASK;
}

function fmix64(h: bigint): bigint {
  let x = h;
  x ^= x >> 33n;
  x = mul(x, 0xff51afd7ed558ccdn);
  x ^= x >> 33n;
  x = mul(x, 0xc4ceb9fe1a85ec53n);
  x ^= x >> 33n;
  return x;
}

function littleEndian64(data: Uint8Array, at: number, length: number): bigint {
  let k = 0n;
  for (let i = length - 1; i >= 0; i--) k = (k << 8n) | BigInt(data[at + i] ?? 0);
  return k;
}

/** The two 64-bit halves as unsigned bigints; `hash128Bytes` gives the form the join compares and ships. */
export function hash128(data: Uint8Array, seed = MURMUR3_DEFAULT_SEED): [bigint, bigint] {
  // Java sign-extends the int seed into the long.
  let h1 = BigInt.asUintN(64, BigInt(seed | 0));
  let h2 = h1;
  const length = data.length;
  const blocks = length >>> 4;
  for (let i = 0; i < blocks; i++) {
    let k1 = littleEndian64(data, i << 4, 8);
    let k2 = littleEndian64(data, (i << 4) + 8, 8);
    k1 = mul(rotl(mul(k1, C1), 31n), C2);
    h1 ^= k1;
    h1 = (mul(rotl(h1, 27n) + h2, M) + N1) & MASK;
    k2 = mul(rotl(mul(k2, C2), 33n), C1);
    h2 ^= k2;
    h2 = (mul(rotl(h2, 31n) + h1, M) + N2) & MASK;
  }
  const tailStart = blocks << 4;
  const tail = length - tailStart;
  if (tail > 8) {
    const k2 = littleEndian64(data, tailStart + 8, tail - 8);
    h2 ^= mul(rotl(mul(k2, C2), 33n), C1);
  }
  if (tail > 0) {
    const k1 = littleEndian64(data, tailStart, Math.min(tail, 8));
    h1 ^= mul(rotl(mul(k1, C1), 31n), C2);
  }
  const len = BigInt(length);
  h1 ^= len;
  h2 ^= len;
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  return [h1, h2];
}

/** The hash as Kafka writes it into subscription records: the two longs big-endian, 16 bytes. */
export function hash128Bytes(data: Uint8Array): Uint8Array {
  const [h1, h2] = hash128(data);
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, h1);
  view.setBigUint64(8, h2);
  return out;
}
