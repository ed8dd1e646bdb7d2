// Byte layouts of window and session store keys. The changelog uses Kafka's layouts (WindowKeySchema:
// [key][start:8][seq:4], SessionKeySchema: [key][end:8][start:8]) so a Kafka-written changelog restores here and
// vice versa; in memory the stores order by time first, as Kafka's in-memory stores do.

export function writeLong(out: Uint8Array, offset: number, value: number): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigInt64(offset, BigInt(value));
}

export function readLong(bytes: Uint8Array, offset: number): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(offset));
}

function writeInt(out: Uint8Array, offset: number, value: number): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setInt32(offset, value);
}

function readInt(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(offset);
}

export interface WindowStoreKey {
  readonly key: Uint8Array;
  readonly start: number;
  readonly seq: number;
}

export function windowChangelogKey(key: Uint8Array, start: number, seq: number): Uint8Array {
  const out = new Uint8Array(key.length + 12);
  out.set(key, 0);
  writeLong(out, key.length, start);
  writeInt(out, key.length + 8, seq);
  return out;
}

export function parseWindowChangelogKey(bytes: Uint8Array): WindowStoreKey {
  if (bytes.length < 12) throw new RangeError(`window store changelog key too short (${bytes.length} bytes)`);
  const n = bytes.length - 12;
  return { key: bytes.slice(0, n), start: readLong(bytes, n), seq: readInt(bytes, n + 8) };
}

export interface SessionStoreKey {
  readonly key: Uint8Array;
  readonly start: number;
  readonly end: number;
}

export function sessionChangelogKey(key: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(key.length + 16);
  out.set(key, 0);
  writeLong(out, key.length, end);
  writeLong(out, key.length + 8, start);
  return out;
}

export function parseSessionChangelogKey(bytes: Uint8Array): SessionStoreKey {
  if (bytes.length < 16)
    throw new RangeError(`session store changelog key too short (${bytes.length} bytes)`);
  const n = bytes.length - 16;
  return { key: bytes.slice(0, n), end: readLong(bytes, n), start: readLong(bytes, n + 8) };
}
