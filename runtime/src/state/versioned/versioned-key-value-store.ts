import type { StateStore } from '../../processor/api.js';
import { SerdeError, type Serde } from '../../serdes/serde.js';
import { bytesKey } from '../bytes.js';
import type { ChangeLogger, ManagedStateStore } from '../store.js';

/** One version of a key's value: valid from `timestamp` until `validTo` (absent for the latest version). */
export interface VersionedRecord<V> {
  readonly value: V;
  readonly timestamp: number;
  readonly validTo?: number;
}

/** Kafka's VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED: the put became the latest version. */
export const PUT_RETURN_CODE_VALID_TO_UNDEFINED = -1;
/** Kafka's PUT_RETURN_CODE_NOT_PUT: the put was older than the history retention and was dropped. */
export const PUT_RETURN_CODE_NOT_PUT = Number.MIN_SAFE_INTEGER;

/**
 * Kafka's VersionedKeyValueStore (KIP-889): every write carries a timestamp, the store keeps each key's versions
 * for `historyRetentionMs` behind the stream time it has seen, and reads can ask for the value as of a time.
 */
export interface VersionedKeyValueStore<K, V> extends StateStore {
  /**
   * Adds a version (null = a tombstone from `timestamp` on). Returns PUT_RETURN_CODE_VALID_TO_UNDEFINED when it
   * is now the latest version, the timestamp of the next version when it went into history, or
   * PUT_RETURN_CODE_NOT_PUT when it is older than the history retention.
   */
  put(key: K, value: V | null, timestamp: number): number;
  /** Puts a tombstone at `timestamp` and returns the record it replaced as of then (null if none or expired). */
  delete(key: K, timestamp: number): VersionedRecord<V> | null;
  /** The latest version, or null if there is none or it is a tombstone. */
  get(key: K): VersionedRecord<V> | null;
  /** The version valid at `asOfTimestamp`, or null (also when that time is past the history retention). */
  get(key: K, asOfTimestamp: number): VersionedRecord<V> | null;
}

interface Version {
  readonly timestamp: number;
  /** Serialized value, null for a tombstone. */
  value: Uint8Array | null;
}

interface KeyHistory {
  readonly key: Uint8Array;
  /** Ascending by timestamp, at most one per timestamp; the last one is the latest. */
  readonly versions: Version[];
}

// The changelog holds one record per (key, timestamp), so compaction keeps every version and a restore rebuilds
// the history: key `{key}{8-byte big-endian timestamp}`, value `{1 = value, 0 = tombstone version}{value}`; a
// changelog tombstone means the version expired. (Kafka writes the version's timestamp as the record timestamp
// instead; the runtime's change logger carries no timestamp, so it travels in the key.)
const TWO_32 = 4294967296;

function changelogKey(key: Uint8Array, timestamp: number): Uint8Array {
  const out = new Uint8Array(key.length + 8);
  out.set(key, 0);
  const view = new DataView(out.buffer);
  const high = Math.floor(timestamp / TWO_32);
  view.setInt32(key.length, high);
  view.setUint32(key.length + 4, timestamp - high * TWO_32);
  return out;
}

function changelogValue(value: Uint8Array | null): Uint8Array {
  const out = new Uint8Array(1 + (value?.length ?? 0));
  out[0] = value === null ? 0 : 1;
  if (value !== null) out.set(value, 1);
  return out;
}

/**
 * An in-memory versioned store (the runtime's stand-in for Kafka's RocksDBVersionedStore, same semantics, no
 * segments): per key, a sorted list of versions. Versions whose validity ended before `stream time − history
 * retention` are dropped as the key is next written.
 */
export class InMemoryVersionedKeyValueStore<K, V> implements VersionedKeyValueStore<K, V>, ManagedStateStore {
  readonly storeType = 'versionedKeyValue';
  private readonly histories = new Map<string, KeyHistory>();
  private observedStreamTime = Number.NEGATIVE_INFINITY;
  private logger: ChangeLogger | null = null;
  /** Puts and deletes dropped for being older than the history retention (Kafka's expired-record sensor). */
  expiredRecords = 0;

  constructor(
    readonly name: string,
    readonly historyRetentionMs: number,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
  ) {
    if (!Number.isInteger(historyRetentionMs) || historyRetentionMs < 0)
      throw new RangeError(
        `history retention of "${name}" must be whole milliseconds ≥ 0, got ${historyRetentionMs}`,
      );
  }

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(key: Uint8Array, value: Uint8Array | null): void {
    if (key.length < 8) throw new SerdeError(`changelog key of versioned store "${this.name}" is too short`);
    const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
    const timestamp = view.getInt32(key.length - 8) * TWO_32 + view.getUint32(key.length - 4);
    const k = key.slice(0, key.length - 8);
    const history = this.history(k);
    const at = this.indexOf(history, timestamp);
    if (value === null) {
      if (at.found) history.versions.splice(at.index, 1);
      if (history.versions.length === 0) this.histories.delete(bytesKey(k));
      return;
    }
    const version: Version = { timestamp, value: value[0] === 0 ? null : value.slice(1) };
    if (at.found) history.versions[at.index] = version;
    else history.versions.splice(at.index, 0, version);
    this.observedStreamTime = Math.max(this.observedStreamTime, timestamp);
  }

  put(key: K, value: V | null, timestamp: number): number {
    checkTimestamp(this.name, timestamp);
    if (timestamp < this.observedStreamTime - this.historyRetentionMs) {
      this.expiredRecords++;
      return PUT_RETURN_CODE_NOT_PUT;
    }
    this.observedStreamTime = Math.max(this.observedStreamTime, timestamp);
    const k = this.keyBytes(key);
    const history = this.history(k);
    const bytes = value === null ? null : this.valueSerde.serialize(value, this.name);
    const at = this.indexOf(history, timestamp);
    if (at.found) (history.versions[at.index] as Version).value = bytes;
    else history.versions.splice(at.index, 0, { timestamp, value: bytes });
    this.logger?.(changelogKey(k, timestamp), changelogValue(bytes));
    const next = history.versions[at.index + 1];
    this.expire(history);
    return next === undefined ? PUT_RETURN_CODE_VALID_TO_UNDEFINED : next.timestamp;
  }

  delete(key: K, timestamp: number): VersionedRecord<V> | null {
    checkTimestamp(this.name, timestamp);
    if (timestamp < this.observedStreamTime - this.historyRetentionMs) {
      this.expiredRecords++;
      return null;
    }
    const existing = this.get(key, timestamp);
    this.put(key, null, timestamp);
    return existing === null ? null : { value: existing.value, timestamp: existing.timestamp };
  }

  get(key: K, asOfTimestamp?: number): VersionedRecord<V> | null {
    const history = this.histories.get(bytesKey(this.keyBytes(key)));
    if (history === undefined) return null;
    const versions = history.versions;
    if (asOfTimestamp === undefined) {
      const latest = versions[versions.length - 1];
      return latest?.value ? { value: this.decode(latest.value), timestamp: latest.timestamp } : null;
    }
    const at = this.indexOf(history, asOfTimestamp);
    const index = at.found ? at.index : at.index - 1;
    const version = versions[index];
    if (version === undefined) return null;
    const validTo = versions[index + 1]?.timestamp;
    // Past the history retention only the latest version still answers (Kafka's shouldGetExpiredIfLatestValue).
    if (validTo !== undefined && asOfTimestamp < this.observedStreamTime - this.historyRetentionMs)
      return null;
    if (version.value === null) return null;
    const value = this.decode(version.value);
    return validTo === undefined
      ? { value, timestamp: version.timestamp }
      : { value, timestamp: version.timestamp, validTo };
  }

  approximateNumEntries(): number {
    return this.histories.size;
  }

  close(): void {
    this.histories.clear();
  }

  private history(k: Uint8Array): KeyHistory {
    const id = bytesKey(k);
    let history = this.histories.get(id);
    if (history === undefined) {
      history = { key: k.slice(), versions: [] };
      this.histories.set(id, history);
    }
    return history;
  }

  /** Where `timestamp` is, or would go, in the key's versions. */
  private indexOf(history: KeyHistory, timestamp: number): { index: number; found: boolean } {
    const versions = history.versions;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((versions[mid] as Version).timestamp < timestamp) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, found: versions[lo]?.timestamp === timestamp };
  }

  /** Drops versions no query can reach any more: those that stopped being valid before the retention bound. */
  private expire(history: KeyHistory): void {
    const bound = this.observedStreamTime - this.historyRetentionMs;
    const versions = history.versions;
    let drop = 0;
    while (drop < versions.length - 1 && (versions[drop + 1] as Version).timestamp <= bound) drop++;
    for (const version of versions.splice(0, drop))
      this.logger?.(changelogKey(history.key, version.timestamp), null);
  }

  private keyBytes(key: K): Uint8Array {
    if (key === null || key === undefined)
      throw new TypeError(`store "${this.name}" does not accept a null key`);
    return this.keySerde.serialize(key, this.name);
  }

  private decode(bytes: Uint8Array): V {
    return this.valueSerde.deserialize(bytes, this.name);
  }
}

function checkTimestamp(store: string, timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError(
      `versioned store "${store}" needs a timestamp of whole milliseconds ≥ 0, got ${timestamp}`,
    );
}
