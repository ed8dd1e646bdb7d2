// Reads a replay's stores into plain views: key/value tables, windows on a time axis (open or closed), what a
// suppress holds and when it lets each entry go, and each stream–stream join side's buffer.
import type { StateStore } from '../processor/api.js';
import type { BufferedRecord } from '../windows/suppression-buffer.js';
import type { JoinNote, SuppressNote, TraceCollector, WindowsNote } from './trace-collector.js';

export interface StoreEntryView {
  readonly key: unknown;
  readonly value: unknown;
  /** Window stores and sessions: the window. */
  readonly window?: { readonly start: number; readonly end: number };
  /** Timestamped stores: the record time kept with the value. */
  readonly timestamp?: number;
}

export interface StoreView {
  readonly name: string;
  readonly type: string;
  readonly entries: readonly StoreEntryView[];
}

export interface WindowView {
  readonly key: unknown;
  readonly start: number;
  readonly end: number;
  /** The node's stream time at which the window closes (end + grace; sessions: end + gap + grace). */
  readonly closeAt: number;
  readonly closed: boolean;
  readonly value: unknown;
}

export interface WindowedNodeView {
  readonly node: string;
  readonly store: string;
  readonly type: WindowsNote['type'];
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;
  /** Null before the node saw a record. */
  readonly streamTime: number | null;
  readonly windows: readonly WindowView[];
}

export interface SuppressView {
  readonly node: string;
  readonly store: string;
  readonly untilWindowCloses: boolean;
  readonly streamTime: number | null;
  readonly entries: ReadonlyArray<{
    readonly key: unknown;
    readonly value: unknown;
    readonly bufferTime: number;
    /** The suppress node's stream time at which the entry is emitted. */
    readonly emitAt: number;
  }>;
}

export interface JoinSideView {
  readonly node: string;
  readonly isLeftSide: boolean;
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly graceMs: number;
  readonly outer: boolean;
  /** The other side's records this side's records are matched against. */
  readonly otherStore: string;
  readonly buffered: ReadonlyArray<{
    readonly key: unknown;
    readonly value: unknown;
    readonly timestamp: number;
    /** Timestamps of this side's records that can still meet the buffered one. */
    readonly meets: { readonly from: number; readonly to: number };
  }>;
}

interface Windowed {
  readonly key: unknown;
  readonly window: { readonly start: number; readonly end: number };
}

interface Listable {
  all(): ReadonlyArray<{ key: unknown; value: unknown }>;
}

function listable(store: StateStore): store is StateStore & Listable {
  return typeof (store as Partial<Listable>).all === 'function';
}

/** A DSL store value kept with its timestamp (ValueAndTimestamp, or a window's AggregateAndTimestamp). */
function unwrap(value: unknown): { value: unknown; timestamp?: number } {
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 2 &&
    'value' in value &&
    'timestamp' in value &&
    typeof value.timestamp === 'number'
  )
    return { value: value.value, timestamp: value.timestamp };
  return { value };
}

export function storeView(store: StateStore): StoreView {
  const type = (store as { storeType?: string }).storeType ?? 'other';
  if (type === 'window' || type === 'session') {
    const entries = listable(store)
      ? store.all().map((e) => {
          const k = e.key as Windowed;
          return { key: k.key, window: { start: k.window.start, end: k.window.end }, ...unwrap(e.value) };
        })
      : [];
    return { name: store.name, type, entries };
  }
  const buffer = store as { entries?: () => readonly BufferedRecord<unknown, unknown>[] };
  if (typeof buffer.entries === 'function')
    return {
      name: store.name,
      type: 'suppression-buffer',
      entries: buffer.entries().map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp })),
    };
  if (listable(store))
    return { name: store.name, type, entries: store.all().map((e) => ({ key: e.key, ...unwrap(e.value) })) };
  return { name: store.name, type, entries: [] };
}

export function windowedNodeViews(
  collector: TraceCollector,
  store: (name: string) => StateStore | null,
): WindowedNodeView[] {
  return [...collector.windows].map(([node, spec]) => {
    const streamTime = collector.nodeStreamTime.get(node) ?? null;
    const s = store(spec.store);
    const grace = spec.type === 'session' ? spec.graceMs + spec.sizeMs : spec.graceMs;
    const windows = (s ? storeView(s).entries : []).flatMap((e): WindowView[] => {
      if (!e.window) return [];
      const closeAt = e.window.end + grace;
      // Time windows exclude their end: a close time equal to the stream time already refuses records.
      const closed =
        streamTime !== null && (spec.type === 'time' ? closeAt <= streamTime : closeAt < streamTime);
      return [{ key: e.key, start: e.window.start, end: e.window.end, closeAt, closed, value: e.value }];
    });
    windows.sort((a, b) => a.start - b.start || a.end - b.end);
    return {
      node,
      store: spec.store,
      type: spec.type,
      sizeMs: spec.sizeMs,
      advanceMs: spec.advanceMs,
      graceMs: spec.graceMs,
      streamTime,
      windows,
    };
  });
}

export function suppressViews(
  collector: TraceCollector,
  store: (name: string) => StateStore | null,
): SuppressView[] {
  return [...collector.suppress].map(([node, spec]: [string, SuppressNote]) => {
    const s = store(spec.store) as { entries?: () => readonly BufferedRecord<unknown, unknown>[] } | null;
    const entries = (s?.entries?.() ?? []).map((r) => ({
      key: r.key,
      value: r.value,
      bufferTime: r.bufferTime,
      emitAt: r.bufferTime + spec.durationMs,
    }));
    return {
      node,
      store: spec.store,
      untilWindowCloses: spec.untilWindowCloses,
      streamTime: collector.nodeStreamTime.get(node) ?? null,
      entries,
    };
  });
}

export function joinSideViews(
  collector: TraceCollector,
  store: (name: string) => StateStore | null,
): JoinSideView[] {
  return [...collector.joinSides].map(([node, spec]: [string, JoinNote]) => {
    const s = store(spec.otherStore);
    // A buffered record at t meets this side's records at s when t ∈ [s − before, s + after].
    const buffered = (s ? storeView(s).entries : []).map((e) => {
      const t = e.window?.start ?? 0;
      return {
        key: e.key,
        value: e.value,
        timestamp: t,
        meets: { from: t - spec.afterMs, to: t + spec.beforeMs },
      };
    });
    return {
      node,
      isLeftSide: spec.isLeftSide,
      beforeMs: spec.beforeMs,
      afterMs: spec.afterMs,
      graceMs: spec.graceMs,
      outer: spec.outer,
      otherStore: spec.otherStore,
      buffered,
    };
  });
}
