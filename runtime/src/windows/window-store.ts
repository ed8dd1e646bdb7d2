import type { StateStore } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { bytesKey, compareBytes } from '../state/bytes.js';
import type { ChangeLogger, ManagedStateStore } from '../state/store.js';
import { parseWindowChangelogKey, windowChangelogKey } from './store-keys.js';
import type { Windowed } from './window.js';

/** A value with the start time of the window (or, in join stores, the record time) it was stored under. */
export interface TimestampedValue<V> {
  readonly timestamp: number;
  readonly value: V;
}

export interface WindowedKeyValue<K, V> {
  readonly key: Windowed<K>;
  readonly value: V;
}

export interface ReadOnlyWindowStore<K, V> {
  readonly name: string;
  /** The value of `key` in the window starting at `windowStart`, or null. */
  fetch(key: K, windowStart: number): V | null;
  /** Values of `key` in windows starting in [timeFrom, timeTo], oldest first. */
  fetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<V>[];
  backwardFetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<V>[];
  /** Entries of keys in [keyFrom, keyTo] (null = open) with window start in [timeFrom, timeTo], by time then key. */
  fetchKeyRange(
    keyFrom: K | null,
    keyTo: K | null,
    timeFrom: number,
    timeTo: number,
  ): WindowedKeyValue<K, V>[];
  fetchAll(timeFrom: number, timeTo: number): WindowedKeyValue<K, V>[];
  all(): WindowedKeyValue<K, V>[];
  approximateNumEntries(): number;
}

export interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
  /** Puts the value for `key` in the window starting at `windowStart`; null deletes (unless duplicates are kept). */
  put(key: K, value: V | null, windowStart: number): void;
}

export interface WindowStoreOptions {
  /** How long (ms of stream time, by window start) windows are kept. */
  readonly retentionMs: number;
  /** Window size, to fill in Windowed#window.end on range reads. */
  readonly windowSizeMs: number;
  /** Keep every put under its own sequence number instead of overwriting (stream–stream join stores). */
  readonly retainDuplicates?: boolean;
}

interface Entry {
  readonly start: number;
  readonly key: Uint8Array;
  /** bytesKey(key): the entry's slot in the per-key index. */
  readonly keyId: string;
  /** Its key in the point-lookup index ('' in a store that keeps duplicates: it has no such index). */
  readonly id: string;
  readonly seq: number;
  value: Uint8Array;
}

function indexKey(start: number, seq: number, keyId: string): string {
  return `${start}:${seq}:${keyId}`;
}

function compareEntries(a: Entry, start: number, key: Uint8Array, seq: number): number {
  if (a.start !== start) return a.start - start;
  const k = compareBytes(a.key, key);
  return k !== 0 ? k : a.seq - seq;
}

/**
 * Kafka's InMemoryWindowStore: entries ordered by (window start, serialized key, sequence number), expired by
 * stream time (the largest window start put so far) minus retention; late puts to expired windows are ignored.
 */
export class InMemoryWindowStore<K, V> implements WindowStore<K, V>, ManagedStateStore {
  readonly storeType = 'window' as const;
  /** Live entries are entries[head…]: expiry advances head and compacts now and then, not on every record. */
  private entries: Entry[] = [];
  private head = 0;
  private readonly index = new Map<string, Entry>();
  /** Each key's entries by (start, seq), so a key's time range is found without scanning other keys. */
  private readonly byKey = new Map<string, Entry[]>();
  private logger: ChangeLogger | null = null;
  private observedStreamTime = Number.NEGATIVE_INFINITY;
  private seqnum = 0;
  private readonly retentionMs: number;
  private readonly windowSizeMs: number;
  private readonly retainDuplicates: boolean;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    options: WindowStoreOptions,
  ) {
    if (!(options.retentionMs >= 0))
      throw new RangeError(`window store "${name}": retention must not be negative`);
    if (options.windowSizeMs > options.retentionMs) {
      throw new RangeError(
        `window store "${name}": retention (${options.retentionMs} ms) must be at least the window size (${options.windowSizeMs} ms)`,
      );
    }
    this.retentionMs = options.retentionMs;
    this.windowSizeMs = options.windowSizeMs;
    this.retainDuplicates = options.retainDuplicates ?? false;
  }

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(changelogKey: Uint8Array, value: Uint8Array | null): void {
    const { key, start, seq } = parseWindowChangelogKey(changelogKey);
    this.observe(start);
    if (value === null) this.remove(start, key, seq);
    else this.upsert(start, key, seq, value);
  }

  put(key: K, value: V | null, windowStart: number): void {
    const k = this.keyBytes(key);
    this.observe(windowStart);
    if (windowStart <= this.observedStreamTime - this.retentionMs) return; // expired: Kafka drops it too
    if (this.retainDuplicates) {
      if (value === null) return; // Kafka ignores null puts when keeping duplicates
      this.seqnum = (this.seqnum + 1) & 0x7fffffff;
      const v = this.valueSerde.serialize(value, this.name);
      this.upsert(windowStart, k, this.seqnum, v);
      this.logger?.(windowChangelogKey(k, windowStart, this.seqnum), v);
      return;
    }
    if (value === null) {
      this.remove(windowStart, k, 0);
      this.logger?.(windowChangelogKey(k, windowStart, 0), null);
      return;
    }
    const v = this.valueSerde.serialize(value, this.name);
    this.upsert(windowStart, k, 0, v);
    this.logger?.(windowChangelogKey(k, windowStart, 0), v);
  }

  fetch(key: K, windowStart: number): V | null {
    if (windowStart <= this.observedStreamTime - this.retentionMs) return null;
    const entry = this.index.get(indexKey(windowStart, 0, bytesKey(this.keyBytes(key))));
    return entry ? this.valueSerde.deserialize(entry.value, this.name) : null;
  }

  fetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<V>[] {
    const list = this.byKey.get(bytesKey(this.keyBytes(key)));
    const out: TimestampedValue<V>[] = [];
    if (!list) return out;
    const from = Math.max(timeFrom, this.observedStreamTime - this.retentionMs + 1);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as Entry).start < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) {
      const e = list[i] as Entry;
      if (e.start > timeTo) break;
      out.push({ timestamp: e.start, value: this.valueSerde.deserialize(e.value, this.name) });
    }
    return out;
  }

  backwardFetchRange(key: K, timeFrom: number, timeTo: number): TimestampedValue<V>[] {
    return this.fetchRange(key, timeFrom, timeTo).reverse();
  }

  fetchKeyRange(
    keyFrom: K | null,
    keyTo: K | null,
    timeFrom: number,
    timeTo: number,
  ): WindowedKeyValue<K, V>[] {
    const from = keyFrom === null ? null : this.keyBytes(keyFrom);
    const to = keyTo === null ? null : this.keyBytes(keyTo);
    return this.scan(timeFrom, timeTo)
      .filter(
        (e) =>
          (from === null || compareBytes(e.key, from) >= 0) && (to === null || compareBytes(e.key, to) <= 0),
      )
      .map((e) => this.toKeyValue(e));
  }

  fetchAll(timeFrom: number, timeTo: number): WindowedKeyValue<K, V>[] {
    return this.scan(timeFrom, timeTo).map((e) => this.toKeyValue(e));
  }

  all(): WindowedKeyValue<K, V>[] {
    return this.scan(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY).map((e) => this.toKeyValue(e));
  }

  approximateNumEntries(): number {
    return this.entries.length - this.head;
  }

  close(): void {
    this.entries = [];
    this.head = 0;
    this.index.clear();
    this.byKey.clear();
  }

  // Byte-level access for a caching layer above this store (Kafka's CachingWindowStore wraps the bytes store).

  get windowSize(): number {
    return this.windowSizeMs;
  }

  serializeKey(key: K): Uint8Array {
    return this.keyBytes(key);
  }

  serializeValue(value: V): Uint8Array {
    return this.valueSerde.serialize(value, this.name);
  }

  deserializeKey(bytes: Uint8Array): K {
    return this.keySerde.deserialize(bytes, this.name);
  }

  deserializeValue(bytes: Uint8Array): V {
    return this.valueSerde.deserialize(bytes, this.name);
  }

  rawFetch(key: Uint8Array, windowStart: number): Uint8Array | null {
    if (windowStart <= this.observedStreamTime - this.retentionMs) return null;
    return this.index.get(indexKey(windowStart, 0, bytesKey(key)))?.value ?? null;
  }

  /** Writes (null deletes) and logs, as put does for a store without duplicates. */
  rawPut(key: Uint8Array, value: Uint8Array | null, windowStart: number): void {
    this.observe(windowStart);
    if (windowStart <= this.observedStreamTime - this.retentionMs) return;
    if (value === null) this.remove(windowStart, key, 0);
    else this.upsert(windowStart, key, 0, value);
    this.logger?.(windowChangelogKey(key, windowStart, 0), value);
  }

  private toKeyValue(e: Entry): WindowedKeyValue<K, V> {
    return {
      key: {
        key: this.keySerde.deserialize(e.key, this.name),
        window: { start: e.start, end: e.start + this.windowSizeMs },
      },
      value: this.valueSerde.deserialize(e.value, this.name),
    };
  }

  /** Live entries with window start in [timeFrom, timeTo]. */
  private scan(timeFrom: number, timeTo: number): Entry[] {
    const from = Math.max(timeFrom, this.observedStreamTime - this.retentionMs + 1);
    if (from > timeTo) return [];
    const out: Entry[] = [];
    for (let i = this.lowerBoundStart(from); i < this.entries.length; i++) {
      const e = this.entries[i] as Entry;
      if (e.start > timeTo) break;
      out.push(e);
    }
    return out;
  }

  private observe(windowStart: number): void {
    if (windowStart <= this.observedStreamTime) return;
    this.observedStreamTime = windowStart;
    const minLive = this.observedStreamTime - this.retentionMs + 1;
    while (this.head < this.entries.length && (this.entries[this.head] as Entry).start < minLive) {
      const e = this.entries[this.head] as Entry;
      if (!this.retainDuplicates) this.index.delete(e.id);
      this.unlinkFromKey(e);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private upsert(start: number, key: Uint8Array, seq: number, value: Uint8Array): void {
    const keyId = bytesKey(key);
    // A store keeping duplicates is only read by key and time range (joins): every put is a new entry under a
    // fresh sequence number, so it needs no point-lookup index (a restored tombstone finds its entry by key).
    let id = '';
    if (!this.retainDuplicates) {
      id = indexKey(start, seq, keyId);
      const existing = this.index.get(id);
      if (existing) {
        existing.value = value;
        return;
      }
    }
    const entry: Entry = { start, key: key.slice(), keyId, id, seq, value };
    if (!this.retainDuplicates) this.index.set(id, entry);
    const last = this.entries[this.entries.length - 1];
    // Puts mostly arrive in time order: appending skips the binary search and the shift.
    if (
      last === undefined ||
      this.entries.length === this.head ||
      compareEntries(last, start, key, seq) < 0
    ) {
      this.entries.push(entry);
    } else {
      this.entries.splice(this.lowerBound(start, key, seq), 0, entry);
    }
    let list = this.byKey.get(keyId);
    if (!list) this.byKey.set(keyId, (list = []));
    // Entries mostly arrive in time order, so look from the end.
    let i = list.length;
    while (
      i > 0 &&
      ((list[i - 1] as Entry).start > start ||
        ((list[i - 1] as Entry).start === start && (list[i - 1] as Entry).seq > seq))
    )
      i--;
    if (i === list.length) list.push(entry);
    else list.splice(i, 0, entry);
  }

  private remove(start: number, key: Uint8Array, seq: number): void {
    const keyId = bytesKey(key);
    const entry = this.retainDuplicates
      ? this.byKey.get(keyId)?.find((e) => e.start === start && e.seq === seq)
      : this.index.get(indexKey(start, seq, keyId));
    if (!entry) return;
    if (!this.retainDuplicates) this.index.delete(entry.id);
    this.entries.splice(this.lowerBound(start, key, seq), 1);
    this.unlinkFromKey(entry);
  }

  private unlinkFromKey(entry: Entry): void {
    const list = this.byKey.get(entry.keyId);
    if (!list) return;
    // Expiry takes a key's oldest entry: shift() lets V8 trim the array's front instead of moving the rest.
    if (list[0] === entry) list.shift();
    else {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
    }
    if (list.length === 0) this.byKey.delete(entry.keyId);
  }

  private lowerBound(start: number, key: Uint8Array, seq: number): number {
    let lo = this.head;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid] as Entry, start, key, seq) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBoundStart(start: number): number {
    let lo = this.head;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as Entry).start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private keyBytes(key: K): Uint8Array {
    if (key === null || key === undefined)
      throw new TypeError(`store "${this.name}" does not accept a null key`);
    return this.keySerde.serialize(key, this.name);
  }
}
