import { internalContext, type InternalProcessorContext } from '../engine/internal-context.js';
import type { Processor, ProcessorContext, ProcessorSupplier, StreamRecord } from '../processor/api.js';
import type { JoinWindows } from '../windows/join-windows.js';
import type { WindowStore } from '../windows/window-store.js';
import type { OuterJoinStore } from './outer-join-store.js';
import type { JoinTimeTracker, JoinTimeTrackers } from './time-tracker.js';

/** A joiner normalised to (key, left, right); null stands for the missing side of a left/outer result. */
export type KeyedJoiner<K, VL, VR, VOut> = (key: K, left: VL | null, right: VR | null) => VOut;

/**
 * Kafka's KStreamJoinWindow: passes each record on and remembers it in its side's window store (only
 * retention matters there; every record is its own "window").
 */
export function joinWindowSupplier<K, V>(storeName: string): ProcessorSupplier<K, V, K, V> {
  return () => {
    let context: ProcessorContext<K, V>;
    let store: WindowStore<K, V>;
    return {
      init(ctx) {
        context = ctx;
        store = ctx.getStateStore(storeName);
      },
      process(record) {
        context.forward(record);
        if (record.key !== null && record.key !== undefined)
          store.put(record.key, record.value, record.timestamp);
      },
    };
  };
}

export interface JoinSideOptions<K, VL, VR, VOut> {
  readonly isLeftSide: boolean;
  readonly otherStoreName: string;
  /** The shared KSTREAM-OUTERSHARED store of a left/outer join, or null for an inner join. */
  readonly outerStoreName: string | null;
  readonly windows: JoinWindows;
  /** Emit unmatched records of this side (left side of left/outer joins, right side of outer joins). */
  readonly outer: boolean;
  readonly joiner: KeyedJoiner<K, VL, VR, VOut>;
  readonly timeTrackers: JoinTimeTrackers;
}

/** Processor for one side of a stream–stream join (Kafka's KStreamKStreamJoinLeftSide / RightSide). */
export function joinSideSupplier<K, VL, VR, VOut>(
  options: JoinSideOptions<K, VL, VR, VOut>,
): ProcessorSupplier<K, VL | VR, K, VOut> {
  return () => new JoinSideProcessor(options);
}

class JoinSideProcessor<K, VL, VR, VOut> implements Processor<K, VL | VR, K, VOut> {
  private context!: InternalProcessorContext<K, VOut>;
  private otherStore!: WindowStore<K, VL | VR>;
  private outerStore: OuterJoinStore<K, VL, VR> | null = null;
  private tracker!: JoinTimeTracker;
  /** How far back/forward of this side's record the other side's records may lie. */
  private readonly joinBeforeMs: number;
  private readonly joinAfterMs: number;

  constructor(private readonly options: JoinSideOptions<K, VL, VR, VOut>) {
    const { windows, isLeftSide } = options;
    this.joinBeforeMs = isLeftSide ? windows.beforeMs : windows.afterMs;
    this.joinAfterMs = isLeftSide ? windows.afterMs : windows.beforeMs;
  }

  init(context: InternalProcessorContext<K, VOut>): void {
    this.context = internalContext(context);
    this.otherStore = context.getStateStore(this.options.otherStoreName);
    if (this.options.outerStoreName !== null)
      this.outerStore = context.getStateStore<OuterJoinStore<K, VL, VR>>(this.options.outerStoreName);
    this.tracker = this.options.timeTrackers.get(context.taskId);
    this.context.tracer?.note(this.context.nodeName, {
      kind: 'join',
      isLeftSide: this.options.isLeftSide,
      otherStore: this.options.otherStoreName,
      beforeMs: this.joinBeforeMs,
      afterMs: this.joinAfterMs,
      graceMs: this.options.windows.gracePeriodMs(),
      outer: this.options.outer,
    });
  }

  process(record: StreamRecord<K, VL | VR>): void {
    const ts = record.timestamp;
    this.tracker.advanceStreamTime(ts);
    const keyMissing = record.key === null || record.key === undefined;
    const valueMissing = record.value === null || record.value === undefined;
    if (this.options.outer && keyMissing && !valueMissing) {
      // A null key can never match, so a left/outer join emits it at once (Kafka does the same).
      this.context.forward({ ...record, value: this.join(record.key, record.value, null) });
      return;
    }
    if (keyMissing || valueMissing) {
      this.context.metrics.droppedRecords++;
      return;
    }
    if (ts === this.tracker.streamTime && this.outerStore)
      this.emitNonJoinedOuterRecords(this.outerStore, record);

    const timeFrom = Math.max(0, ts - this.joinBeforeMs);
    const timeTo = Math.max(0, ts + this.joinAfterMs);
    const matches = this.otherStore.fetchRange(record.key, timeFrom, timeTo);
    for (const other of matches) {
      this.outerStore?.removeMatched(record.key, other.timestamp, !this.options.isLeftSide);
      this.context.forward({
        ...record,
        value: this.join(record.key, record.value, other.value),
        timestamp: Math.max(ts, other.timestamp),
      });
    }
    if (this.options.outer && matches.length === 0) {
      // Out of order by more than the window: it can no longer be matched, so it need not wait in the store.
      if (this.outerStore === null || timeTo < this.tracker.streamTime) {
        this.context.forward({ ...record, value: this.join(record.key, record.value, null) });
      } else {
        this.tracker.updatedMinTime(ts);
        this.outerStore.add(record.key, ts, this.options.isLeftSide, record.value);
      }
    }
  }

  close(): void {
    this.options.timeTrackers.remove(this.context.taskId);
  }

  /** Emits the unmatched records whose join window has closed (Kafka's emitNonJoinedOuterRecords). */
  private emitNonJoinedOuterRecords(
    store: OuterJoinStore<K, VL, VR>,
    record: StreamRecord<K, VL | VR>,
  ): void {
    const { windows } = this.options;
    const grace = windows.gracePeriodMs();
    if (this.tracker.minTime + this.joinAfterMs + grace >= this.tracker.streamTime) return;
    this.tracker.minTime = Number.POSITIVE_INFINITY;
    let leftOpen = false;
    let rightOpen = false;
    const emitted = store.drain((timestamp, isLeftSide) => {
      this.tracker.minTime = timestamp;
      if (leftOpen && rightOpen) return 'stop';
      // Left records look forward for right ones (afterMs), right records look back (beforeMs).
      const lookBack = isLeftSide ? windows.afterMs : windows.beforeMs;
      if (timestamp + lookBack + grace >= this.tracker.streamTime) {
        if (isLeftSide) leftOpen = true;
        else rightOpen = true;
        return 'skip';
      }
      return 'emit';
    });
    for (const r of emitted) {
      this.context.forward({
        key: r.key,
        value: this.options.joiner(r.key, r.leftValue, r.rightValue),
        timestamp: r.timestamp,
        headers: record.headers,
      });
    }
  }

  private join(key: K, thisValue: VL | VR, otherValue: VL | VR | null): VOut {
    return this.options.isLeftSide
      ? this.options.joiner(key, thisValue as VL, otherValue as VR | null)
      : this.options.joiner(key, otherValue as VL | null, thisValue as VR);
  }
}
