import type { Headers } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import { bytesKey, compareBytes } from '../state/bytes.js';
import type { ChangeLogger, ManagedStateStore } from '../state/store.js';
import { readLong, writeLong } from './store-keys.js';

export interface BufferedRecord<K, V> {
  readonly key: K;
  readonly keyBytes: Uint8Array;
  /** When the record becomes eligible for emission (window end, or first-buffered time for time limits). */
  readonly bufferTime: number;
  readonly value: V | null;
  readonly oldValue: V | null;
  readonly timestamp: number;
  readonly headers: Headers;
}

/**
 * Kafka's in-memory time-ordered key-value buffer behind suppress(): one entry per key (a later update replaces
 * the value but keeps the original buffer time), evicted in (buffer time, key bytes) order. Changes are logged
 * as [bufferTime:8][timestamp:8][flags:1][value] so the buffer survives a restart like any other store.
 */
export class SuppressionBuffer<K, V> implements ManagedStateStore {
  readonly storeType = 'other' as const;
  private readonly byKey = new Map<string, BufferedRecord<K, V>>();
  private sorted: BufferedRecord<K, V>[] = [];
  private logger: ChangeLogger | null = null;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
  ) {}

  setChangeLogger(logger: ChangeLogger | null): void {
    this.logger = logger;
  }

  restore(keyBytes: Uint8Array, value: Uint8Array | null): void {
    const id = bytesKey(keyBytes);
    this.removeById(id);
    if (value === null) return;
    const hasValue = value[16] === 1;
    this.insert(id, {
      key: this.keySerde.deserialize(keyBytes, this.name),
      keyBytes: keyBytes.slice(),
      bufferTime: readLong(value, 0),
      timestamp: readLong(value, 8),
      value: hasValue ? this.valueSerde.deserialize(value.slice(17), this.name) : null,
      oldValue: null,
      headers: new Map(),
    });
  }

  put(
    key: K,
    bufferTime: number,
    value: V | null,
    oldValue: V | null,
    timestamp: number,
    headers: Headers,
  ): void {
    const keyBytes = this.keySerde.serialize(key, this.name);
    const id = bytesKey(keyBytes);
    const previous = this.byKey.get(id);
    this.removeById(id);
    const record: BufferedRecord<K, V> = {
      key,
      keyBytes,
      bufferTime: previous ? previous.bufferTime : bufferTime,
      value,
      // The first buffered old value is what downstream last saw, so it stays the old value of the final result.
      oldValue: previous ? previous.oldValue : oldValue,
      timestamp,
      headers,
    };
    this.insert(id, record);
    this.log(record);
  }

  minBufferTime(): number {
    return this.sorted[0]?.bufferTime ?? Number.POSITIVE_INFINITY;
  }

  /** Removes and returns records, oldest first, while `predicate(oldest, sizeLeft)` holds. */
  evictWhile(predicate: (oldest: BufferedRecord<K, V>, sizeLeft: number) => boolean): BufferedRecord<K, V>[] {
    let n = 0;
    while (
      n < this.sorted.length &&
      predicate(this.sorted[n] as BufferedRecord<K, V>, this.sorted.length - n)
    )
      n++;
    const evicted = this.sorted.slice(0, n);
    this.sorted = this.sorted.slice(n);
    for (const r of evicted) {
      this.byKey.delete(bytesKey(r.keyBytes));
      this.logger?.(r.keyBytes, null);
    }
    return evicted;
  }

  /** What the buffer holds, in eviction order (for the debugger; a copy). */
  entries(): readonly BufferedRecord<K, V>[] {
    return this.sorted.slice();
  }

  approximateNumEntries(): number {
    return this.byKey.size;
  }

  close(): void {
    this.byKey.clear();
    this.sorted = [];
  }

  private log(record: BufferedRecord<K, V>): void {
    if (!this.logger) return;
    const valueBytes =
      record.value === null ? new Uint8Array(0) : this.valueSerde.serialize(record.value, this.name);
    const out = new Uint8Array(17 + valueBytes.length);
    writeLong(out, 0, record.bufferTime);
    writeLong(out, 8, record.timestamp);
    out[16] = record.value === null ? 0 : 1;
    out.set(valueBytes, 17);
    this.logger(record.keyBytes, out);
  }

  private insert(id: string, record: BufferedRecord<K, V>): void {
    this.byKey.set(id, record);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.sorted[mid] as BufferedRecord<K, V>;
      const c = m.bufferTime - record.bufferTime || compareBytes(m.keyBytes, record.keyBytes);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, record);
  }

  private removeById(id: string): void {
    const existing = this.byKey.get(id);
    if (!existing) return;
    this.byKey.delete(id);
    const i = this.sorted.indexOf(existing);
    if (i >= 0) this.sorted.splice(i, 1);
  }
}
