import { bytesKey } from '../bytes.js';
import type { CachedRecordContext } from './record-context.js';

/** One cached value (Kafka's LRUCacheEntry): null is a delete still to be flushed. */
export interface CacheEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
  dirty: boolean;
  /** The writing record's context; only dirty entries carry one. */
  readonly context: CachedRecordContext | null;
}

export type FlushListener = (dirty: readonly CacheEntry[]) => void;

interface Node {
  entry: CacheEntry;
  size: number;
}

const NODE_OVERHEAD = 24; // Kafka's LRUNode: references to the entry, the previous and the next node
const ENTRY_OVERHEAD = 1 + 8 + 8 + 4; // dirty flag, timestamp, offset, partition

/**
 * Kafka's estimate (LRUNode#size + LRUCacheEntry#size, as ThreadCacheTest#memoryCacheEntrySize spells it): what
 * an entry costs against cacheMaxBytes. The key counts twice, held by the node and by the entry's record.
 */
export function sizeOf(entry: CacheEntry): number {
  let size = NODE_OVERHEAD + ENTRY_OVERHEAD + 2 * entry.key.length + (entry.value?.length ?? 0);
  const context = entry.context;
  if (context !== null) {
    size += context.topic?.length ?? 0;
    for (const [name, value] of context.headers) size += name.length + value.length;
  }
  return size;
}

/**
 * The cache of one store of one task (Kafka's NamedCache): entries in least-recently-used order (a Map keeps
 * insertion order; a touched entry is re-inserted at the end) and the dirty keys in the order of their last
 * write, which is the order they are flushed in.
 */
export class NamedCache {
  private readonly nodes = new Map<string, Node>();
  private readonly dirtyKeys = new Map<string, true>();
  private listener: FlushListener | null = null;
  sizeBytes = 0;

  constructor(readonly name: string) {}

  setListener(listener: FlushListener): void {
    this.listener = listener;
  }

  get size(): number {
    return this.nodes.size;
  }

  get(key: Uint8Array): CacheEntry | null {
    const id = bytesKey(key);
    const node = this.nodes.get(id);
    if (node === undefined) return null;
    this.nodes.delete(id);
    this.nodes.set(id, node);
    return node.entry;
  }

  put(entry: CacheEntry): void {
    if (!entry.dirty && this.dirtyKeys.has(bytesKey(entry.key))) {
      throw new Error(`cache "${this.name}": a clean entry cannot replace a dirty one before it is flushed`);
    }
    const id = bytesKey(entry.key);
    const existing = this.nodes.get(id);
    if (existing !== undefined) {
      this.sizeBytes -= existing.size;
      this.nodes.delete(id);
    }
    const size = sizeOf(entry);
    this.nodes.set(id, { entry, size });
    this.sizeBytes += size;
    if (entry.dirty) {
      // Removed first so the order stays the order of the latest writes.
      this.dirtyKeys.delete(id);
      this.dirtyKeys.set(id, true);
    }
  }

  /** Entries whose key satisfies `inRange`, in no particular order (the store sorts what it merges). */
  entries(inRange: (key: Uint8Array) => boolean): CacheEntry[] {
    const found: CacheEntry[] = [];
    for (const node of this.nodes.values()) if (inRange(node.entry.key)) found.push(node.entry);
    return found;
  }

  /** Hands every dirty entry to the listener (marking them clean), then drops the flushed deletes. */
  flush(): void {
    this.flushWith(null);
  }

  /** Removes the least recently used entry; flushes first if it is dirty (with every other dirty entry). */
  evict(): void {
    const first = this.nodes.entries().next();
    if (first.done === true) return;
    const [id, eldest] = first.value;
    this.nodes.delete(id);
    this.sizeBytes -= eldest.size;
    if (eldest.entry.dirty) this.flushWith(eldest.entry);
  }

  clear(): void {
    this.nodes.clear();
    this.dirtyKeys.clear();
    this.sizeBytes = 0;
  }

  private flushWith(evicted: CacheEntry | null): void {
    if (this.dirtyKeys.size === 0) return;
    if (this.listener === null)
      throw new Error(`cache "${this.name}" has dirty entries but no flush listener`);
    const entries: CacheEntry[] = [];
    const deleted: string[] = [];
    // As Kafka's NamedCache#flush: the evicted entry (already out of the cache) goes first.
    if (evicted !== null) {
      entries.push(evicted);
      this.dirtyKeys.delete(bytesKey(evicted.key));
    }
    for (const id of this.dirtyKeys.keys()) {
      const node = this.nodes.get(id);
      if (node === undefined) throw new Error(`cache "${this.name}": a dirty key has no entry`);
      entries.push(node.entry);
      node.entry.dirty = false;
      if (node.entry.value === null) deleted.push(id);
    }
    // Cleared before the listener runs: it may write to this cache again (re-entrant flushes).
    this.dirtyKeys.clear();
    this.listener(entries);
    for (const id of deleted) {
      const node = this.nodes.get(id);
      // A write made while flushing replaced the delete: keep it.
      if (node === undefined || node.entry.dirty) continue;
      this.nodes.delete(id);
      this.sizeBytes -= node.size;
    }
  }
}

/**
 * Kafka's ThreadCache (statestore.cache.max.bytes): one budget shared by the named caches of every store of
 * every task of a stream thread. A write that takes the total over the budget evicts from the cache written
 * to, least recently used first; evicting a dirty entry flushes that cache's dirty entries.
 */
export class RecordCache {
  private readonly caches = new Map<string, NamedCache>();
  private sizeBytes = 0;

  constructor(readonly maxBytes: number) {
    if (!Number.isFinite(maxBytes) || maxBytes < 0)
      throw new RangeError(`cacheMaxBytes must be a non-negative number, got ${maxBytes}`);
  }

  /** The cache of one store; `namespace` is unique per task and store (Kafka: `<taskId>-<storeName>`). */
  namedCache(namespace: string): NamedCache {
    let cache = this.caches.get(namespace);
    if (cache === undefined) {
      cache = new NamedCache(namespace);
      this.caches.set(namespace, cache);
    }
    return cache;
  }

  get(cache: NamedCache, key: Uint8Array): CacheEntry | null {
    return cache.get(key);
  }

  put(cache: NamedCache, entry: CacheEntry): void {
    const before = cache.sizeBytes;
    cache.put(entry);
    this.sizeBytes += cache.sizeBytes - before;
    this.maybeEvict(cache);
  }

  flush(cache: NamedCache): void {
    const before = cache.sizeBytes;
    cache.flush();
    this.sizeBytes += cache.sizeBytes - before;
  }

  /** Drops a closed store's cache (its dirty entries must have been flushed by the commit before). */
  close(namespace: string): void {
    const cache = this.caches.get(namespace);
    if (cache === undefined) return;
    this.sizeBytes -= cache.sizeBytes;
    cache.clear();
    this.caches.delete(namespace);
  }

  get totalBytes(): number {
    return this.sizeBytes;
  }

  /** Entries in all caches (Kafka's ThreadCache#size). */
  get size(): number {
    let n = 0;
    for (const cache of this.caches.values()) n += cache.size;
    return n;
  }

  private maybeEvict(cache: NamedCache): void {
    while (this.sizeBytes > this.maxBytes) {
      // The write may have flushed into another cache; with nothing left here, that one evicts on its own put.
      if (cache.size === 0) return;
      const before = cache.sizeBytes;
      cache.evict();
      this.sizeBytes += cache.sizeBytes - before;
    }
  }
}
