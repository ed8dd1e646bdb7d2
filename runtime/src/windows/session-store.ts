import type { StateStore } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { bytesKey, compareBytes } from '../state/bytes.js';
import type { ChangeLogger, ManagedStateStore } from '../state/store.js';
import { parseSessionChangelogKey, sessionChangelogKey } from './store-keys.js';
import type { Windowed } from './window.js';

export interface SessionKeyValue<K, V> {
  readonly key: Windowed<K>;
  readonly value: V;
}

export interface ReadOnlySessionStore<K, V> {
  readonly name: string;
  /** Sessions of `key` that end at or after `earliestSessionEndTime` and start at or before `latestSessionStartTime`. */
  findSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): SessionKeyValue<K, V>[];
  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null;
  /**
   * Every live session of any key that ends within [earliestSessionEndTime, latestSessionEndTime], by end time,
   * key, then start (Kafka's SessionStore#findSessions(long, long) over its time-ordered session store).
   */
  findSessionsByEndTime(
    earliestSessionEndTime: number,
    latestSessionEndTime: number,
  ): SessionKeyValue<K, V>[];
  /** Every live session of `key`, by end time. */
  fetch(key: K): SessionKeyValue<K, V>[];
  /** Every live session, by end time then key. */
  all(): SessionKeyValue<K, V>[];
  approximateNumEntries(): number;
}

export interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
  put(session: Windowed<K>, aggregate: V | null): void;
  remove(session: Windowed<K>): void;
}

interface Entry {
  readonly end: number;
  readonly key: Uint8Array;
  readonly start: number;
  value: Uint8Array;
}

function compare(a: Entry, end: number, key: Uint8Array, start: number): number {
  if (a.end !== end) return a.end - end;
  const k = compareBytes(a.key, key);
  return k !== 0 ? k : a.start - start;
}

/**
 * Kafka's InMemorySessionStore: sessions ordered by (end, key, start) and expired once their end falls behind
 * stream time (the largest session end put so far) minus retention.
 */
export class InMemorySessionStore<K, V> implements SessionStore<K, V>, ManagedStateStore {
  readonly storeType = 'session' as const;
  private readonly entries: Entry[] = [];
  private readonly index = new Map<string, Entry>();
  private logger: ChangeLogger | null = null;
  private observedStreamTime = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    private readonly retentionMs: number,
  ) {
    if (!(retentionMs >= 0)) throw new RangeError(`session store "${name}": retention must not be negative`);
  }

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(changelogKey: Uint8Array, value: Uint8Array | null): void {
    const { key, start, end } = parseSessionChangelogKey(changelogKey);
    this.observe(end);
    if (value === null) this.delete(end, key, start);
    else this.upsert(end, key, start, value);
  }

  put(session: Windowed<K>, aggregate: V | null): void {
    const { start, end } = session.window;
    if (end < start)
      throw new RangeError(`session store "${this.name}": session end ${end} is before start ${start}`);
    this.rawPut(
      this.keyBytes(session.key),
      start,
      end,
      aggregate === null ? null : this.valueSerde.serialize(aggregate, this.name),
    );
  }

  // Byte-level access for a caching layer above this store (Kafka's CachingSessionStore wraps the bytes store).

  rawPut(key: Uint8Array, start: number, end: number, value: Uint8Array | null): void {
    this.observe(end);
    if (value === null) {
      this.delete(end, key, start);
      this.logger?.(sessionChangelogKey(key, start, end), null);
      return;
    }
    if (end <= this.observedStreamTime - this.retentionMs) return; // expired, as in Kafka
    this.upsert(end, key, start, value);
    this.logger?.(sessionChangelogKey(key, start, end), value);
  }

  rawFetch(key: Uint8Array, start: number, end: number): Uint8Array | null {
    const entry = this.index.get(this.indexKey(end, key, start));
    if (!entry || entry.end <= this.observedStreamTime - this.retentionMs) return null;
    return entry.value;
  }

  /** Live sessions ending at or after `earliestEnd` as bytes, by (end, key, start). */
  rawLive(
    earliestEnd: number,
  ): readonly { key: Uint8Array; start: number; end: number; value: Uint8Array }[] {
    return this.live(earliestEnd);
  }

  serializeKey(key: K): Uint8Array {
    return this.keyBytes(key);
  }

  deserializeKey(bytes: Uint8Array): K {
    return this.keySerde.deserialize(bytes, this.name);
  }

  serializeValue(value: V): Uint8Array {
    return this.valueSerde.serialize(value, this.name);
  }

  deserializeValue(bytes: Uint8Array): V {
    return this.valueSerde.deserialize(bytes, this.name);
  }

  remove(session: Windowed<K>): void {
    this.put(session, null);
  }

  findSessions(
    key: K,
    earliestSessionEndTime: number,
    latestSessionStartTime: number,
  ): SessionKeyValue<K, V>[] {
    const k = this.keyBytes(key);
    return this.live(earliestSessionEndTime)
      .filter((e) => e.start <= latestSessionStartTime && compareBytes(e.key, k) === 0)
      .map((e) => this.toKeyValue(e));
  }

  findSessionsByEndTime(
    earliestSessionEndTime: number,
    latestSessionEndTime: number,
  ): SessionKeyValue<K, V>[] {
    const result: SessionKeyValue<K, V>[] = [];
    for (const e of this.live(earliestSessionEndTime)) {
      if (e.end > latestSessionEndTime) break;
      result.push(this.toKeyValue(e));
    }
    return result;
  }

  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): V | null {
    const raw = this.rawFetch(this.keyBytes(key), sessionStartTime, sessionEndTime);
    return raw === null ? null : this.valueSerde.deserialize(raw, this.name);
  }

  fetch(key: K): SessionKeyValue<K, V>[] {
    return this.findSessions(key, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  all(): SessionKeyValue<K, V>[] {
    return this.live(Number.NEGATIVE_INFINITY).map((e) => this.toKeyValue(e));
  }

  approximateNumEntries(): number {
    return this.entries.length;
  }

  close(): void {
    this.entries.length = 0;
    this.index.clear();
  }

  private live(earliestEnd: number): Entry[] {
    const from = Math.max(earliestEnd, this.observedStreamTime - this.retentionMs + 1);
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as Entry).end < from) lo = mid + 1;
      else hi = mid;
    }
    return this.entries.slice(lo);
  }

  private toKeyValue(e: Entry): SessionKeyValue<K, V> {
    return {
      key: { key: this.keySerde.deserialize(e.key, this.name), window: { start: e.start, end: e.end } },
      value: this.valueSerde.deserialize(e.value, this.name),
    };
  }

  private observe(end: number): void {
    if (end <= this.observedStreamTime) return;
    this.observedStreamTime = end;
    const minLive = end - this.retentionMs + 1;
    let expired = 0;
    while (expired < this.entries.length && (this.entries[expired] as Entry).end < minLive) {
      const e = this.entries[expired] as Entry;
      this.index.delete(this.indexKey(e.end, e.key, e.start));
      expired++;
    }
    if (expired > 0) this.entries.splice(0, expired);
  }

  private upsert(end: number, key: Uint8Array, start: number, value: Uint8Array): void {
    const id = this.indexKey(end, key, start);
    const existing = this.index.get(id);
    if (existing) {
      existing.value = value;
      return;
    }
    const entry: Entry = { end, key: key.slice(), start, value };
    this.index.set(id, entry);
    this.entries.splice(this.lowerBound(end, key, start), 0, entry);
  }

  private delete(end: number, key: Uint8Array, start: number): void {
    if (!this.index.delete(this.indexKey(end, key, start))) return;
    this.entries.splice(this.lowerBound(end, key, start), 1);
  }

  private lowerBound(end: number, key: Uint8Array, start: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid] as Entry, end, key, start) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexKey(end: number, key: Uint8Array, start: number): string {
    return `${end}:${start}:${bytesKey(key)}`;
  }

  private keyBytes(key: K): Uint8Array {
    if (key === null || key === undefined)
      throw new TypeError(`store "${this.name}" does not accept a null key`);
    return this.keySerde.serialize(key, this.name);
  }
}
