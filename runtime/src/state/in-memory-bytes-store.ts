import { bytesKey, compareBytes } from './bytes.js';

export interface BytesEntry {
  readonly key: Uint8Array;
  value: Uint8Array;
}

/**
 * The bytes layer of an in-memory key-value store: a hash map for point lookups plus a sorted key array for
 * ordered range scans (binary search; inserts shift the array, which stays cheap at designer-scale sizes).
 */
export class InMemoryBytesStore {
  private readonly byKey = new Map<string, BytesEntry>();
  private readonly sorted: BytesEntry[] = [];

  get size(): number {
    return this.byKey.size;
  }

  /** `id` is bytesKey(key), when the caller has it already. */
  get(key: Uint8Array, id: string = bytesKey(key)): Uint8Array | null {
    return this.byKey.get(id)?.value ?? null;
  }

  /** Returns the previous value. `id` is bytesKey(key), when the caller has it already. */
  put(key: Uint8Array, value: Uint8Array, id: string = bytesKey(key)): Uint8Array | null {
    const k = id;
    const existing = this.byKey.get(k);
    if (existing) {
      const old = existing.value;
      existing.value = value;
      return old;
    }
    const entry: BytesEntry = { key: key.slice(), value };
    this.byKey.set(k, entry);
    this.sorted.splice(this.lowerBound(key), 0, entry);
    return null;
  }

  /** Returns the deleted value. */
  delete(key: Uint8Array): Uint8Array | null {
    const k = bytesKey(key);
    const existing = this.byKey.get(k);
    if (!existing) return null;
    this.byKey.delete(k);
    this.sorted.splice(this.lowerBound(key), 1);
    return existing.value;
  }

  /** Entries with from ≤ key ≤ to (either bound may be null for open), ascending or descending. */
  range(from: Uint8Array | null, to: Uint8Array | null, descending = false): BytesEntry[] {
    if (from && to && compareBytes(from, to) > 0) return [];
    const start = from ? this.lowerBound(from) : 0;
    const end = to ? this.upperBound(to) : this.sorted.length;
    const slice = this.sorted.slice(start, end);
    return descending ? slice.reverse() : slice;
  }

  clear(): void {
    this.byKey.clear();
    this.sorted.length = 0;
  }

  /** First index whose key ≥ key. */
  private lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes((this.sorted[mid] as BytesEntry).key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose key > key. */
  private upperBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes((this.sorted[mid] as BytesEntry).key, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
