import type { Serde } from '../serdes/serde.js';
import { bytesKey, compareBytes } from '../state/bytes.js';
import type { ChangeLogger, ManagedStateStore } from '../state/store.js';
import { readLong, writeLong } from '../windows/store-keys.js';

/** A record waiting in the outer-join store for its window to close without a match. */
export interface UnmatchedRecord<K, VL, VR> {
  readonly key: K;
  readonly timestamp: number;
  readonly isLeftSide: boolean;
  readonly leftValue: VL | null;
  readonly rightValue: VR | null;
}

interface Entry {
  readonly timestamp: number;
  readonly isLeftSide: boolean;
  readonly key: Uint8Array;
  /** Values of every unmatched record with this (timestamp, side, key), in arrival order. */
  values: Uint8Array[];
}

function compare(a: Entry, timestamp: number, isLeftSide: boolean, key: Uint8Array): number {
  if (a.timestamp !== timestamp) return a.timestamp - timestamp;
  if (a.isLeftSide !== isLeftSide) return a.isLeftSide ? 1 : -1;
  return compareBytes(a.key, key);
}

/**
 * Kafka's KSTREAM-OUTERSHARED store for left/outer stream–stream joins: unmatched records keyed by
 * (timestamp, side, key) — the order of Kafka's TimestampedKeyAndJoinSide bytes, right side before left for
 * equal timestamps — each key holding a list of values (Kafka's ListValueStore). Changelog keys use that same
 * layout [timestamp:8][side:1][key]; values are the list, each item [side:1][length:4][bytes].
 */
export class OuterJoinStore<K, VL, VR> implements ManagedStateStore {
  readonly storeType = 'other' as const;
  private entries: Entry[] = [];
  private readonly index = new Map<string, Entry>();
  private logger: ChangeLogger | null = null;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly leftSerde: Serde<VL>,
    private readonly rightSerde: Serde<VR>,
  ) {}

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(changelogKey: Uint8Array, value: Uint8Array | null): void {
    const timestamp = readLong(changelogKey, 0);
    const isLeftSide = changelogKey[8] === 1;
    const key = changelogKey.slice(9);
    this.deleteEntry(timestamp, isLeftSide, key);
    if (value !== null) this.insert({ timestamp, isLeftSide, key, values: decodeList(value) });
  }

  /** Appends an unmatched record. */
  add(key: K, timestamp: number, isLeftSide: boolean, value: VL | VR): void {
    const k = this.keySerde.serialize(key, this.name);
    const v = isLeftSide
      ? this.leftSerde.serialize(value as VL, this.name)
      : this.rightSerde.serialize(value as VR, this.name);
    const existing = this.index.get(indexKey(timestamp, isLeftSide, k));
    if (existing) existing.values.push(v);
    else this.insert({ timestamp, isLeftSide, key: k, values: [v] });
    this.log(timestamp, isLeftSide, k);
  }

  /** Forgets every unmatched record with this (key, timestamp, side): a match arrived for them. */
  removeMatched(key: K, timestamp: number, isLeftSide: boolean): void {
    const k = this.keySerde.serialize(key, this.name);
    if (this.deleteEntry(timestamp, isLeftSide, k)) this.logDelete(timestamp, isLeftSide, k);
  }

  /**
   * Walks the entries oldest first; `visit` decides per entry whether to emit it (returned and removed), skip it
   * or stop the walk.
   */
  drain(
    visit: (timestamp: number, isLeftSide: boolean) => 'emit' | 'skip' | 'stop',
  ): UnmatchedRecord<K, VL, VR>[] {
    const emitted: UnmatchedRecord<K, VL, VR>[] = [];
    const removed: Entry[] = [];
    for (const e of this.entries) {
      const verdict = visit(e.timestamp, e.isLeftSide);
      if (verdict === 'stop') break;
      if (verdict === 'skip') continue;
      emitted.push(...this.decode(e));
      removed.push(e);
    }
    for (const e of removed) {
      this.deleteEntry(e.timestamp, e.isLeftSide, e.key);
      this.logDelete(e.timestamp, e.isLeftSide, e.key);
    }
    return emitted;
  }

  approximateNumEntries(): number {
    return this.entries.length;
  }

  close(): void {
    this.entries = [];
    this.index.clear();
  }

  private decode(e: Entry): UnmatchedRecord<K, VL, VR>[] {
    const key = this.keySerde.deserialize(e.key, this.name);
    return e.values.map((bytes) => ({
      key,
      timestamp: e.timestamp,
      isLeftSide: e.isLeftSide,
      leftValue: e.isLeftSide ? this.leftSerde.deserialize(bytes, this.name) : null,
      rightValue: e.isLeftSide ? null : this.rightSerde.deserialize(bytes, this.name),
    }));
  }

  private insert(entry: Entry): void {
    this.index.set(indexKey(entry.timestamp, entry.isLeftSide, entry.key), entry);
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid] as Entry, entry.timestamp, entry.isLeftSide, entry.key) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
  }

  private deleteEntry(timestamp: number, isLeftSide: boolean, key: Uint8Array): boolean {
    const id = indexKey(timestamp, isLeftSide, key);
    const existing = this.index.get(id);
    if (!existing) return false;
    this.index.delete(id);
    const i = this.entries.indexOf(existing);
    if (i >= 0) this.entries.splice(i, 1);
    return true;
  }

  private changelogKey(timestamp: number, isLeftSide: boolean, key: Uint8Array): Uint8Array {
    const out = new Uint8Array(9 + key.length);
    writeLong(out, 0, timestamp);
    out[8] = isLeftSide ? 1 : 0;
    out.set(key, 9);
    return out;
  }

  private log(timestamp: number, isLeftSide: boolean, key: Uint8Array): void {
    const entry = this.index.get(indexKey(timestamp, isLeftSide, key));
    if (this.logger && entry)
      this.logger(this.changelogKey(timestamp, isLeftSide, key), encodeList(entry.values));
  }

  private logDelete(timestamp: number, isLeftSide: boolean, key: Uint8Array): void {
    this.logger?.(this.changelogKey(timestamp, isLeftSide, key), null);
  }
}

function indexKey(timestamp: number, isLeftSide: boolean, key: Uint8Array): string {
  return `${timestamp}:${isLeftSide ? 'L' : 'R'}:${bytesKey(key)}`;
}

function encodeList(values: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(values.reduce((n, v) => n + 4 + v.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const v of values) {
    view.setInt32(at, v.length);
    out.set(v, at + 4);
    at += 4 + v.length;
  }
  return out;
}

function decodeList(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const n = view.getInt32(at);
    out.push(bytes.slice(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}
