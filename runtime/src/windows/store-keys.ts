// Byte layouts of window and session store keys. The changelog uses Kafka's layouts (WindowKeySchema:
// [key][start:8][seq:4], SessionKeySchema: [key][end:8][start:8]) so a Kafka-written changelog restores here and
// vice versa; in memory the stores order by time first, as Kafka's in-memory stores do.

import { readInt32BE, readInt64BE, writeInt32BE, writeInt64BE } from '../serdes/big-endian.js';

export function writeLong(out: Uint8Array, offset: number, value: number): void {
  writeInt64BE(out, offset, value);
}

export function readLong(bytes: Uint8Array, offset: number): number {
  return readInt64BE(bytes, offset);
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
  writeInt32BE(out, key.length + 8, seq);
  return out;
}

export function parseWindowChangelogKey(bytes: Uint8Array): WindowStoreKey {
  if (bytes.length < 12) throw new RangeError(`window store changelog key too short (${bytes.length} bytes)`);
  const n = bytes.length - 12;
  return { key: bytes.slice(0, n), start: readLong(bytes, n), seq: readInt32BE(bytes, n + 8) };
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
