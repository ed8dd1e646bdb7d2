import { internalContext, type InternalProcessorContext } from '../engine/internal-context.js';
import { TimestampedTupleForwarder } from '../engine/tuple-forwarder.js';
import type { Change } from '../dsl/change.js';
import type { KTableValueGetter, KTableValueGetterSupplier } from '../dsl/internals.js';
import type { TableState } from '../dsl/table-processors.js';
import type { Processor, ProcessorContext, ProcessorSupplier, StreamRecord } from '../processor/api.js';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store.js';

/**
 * Kafka's KStreamKTableJoin / KStreamGlobalKTableJoin: each stream record looks up the table's current value
 * (by its own key, or by `keyMapper` for global tables). Inner joins emit only on a hit; left joins always emit,
 * with null for a miss. Results keep the stream record's timestamp. Table updates trigger nothing.
 */
export function streamTableJoinSupplier<K, V, TK, TV, VOut>(options: {
  readonly valueGetter: KTableValueGetterSupplier<TK, TV>;
  readonly keyMapper: (key: K, value: V) => TK | null | undefined;
  readonly joiner: (key: K, value: V, tableValue: TV | null) => VOut;
  readonly leftJoin: boolean;
}): ProcessorSupplier<K, V, K, VOut> {
  return () => {
    let context: InternalProcessorContext<K, VOut>;
    let getter: KTableValueGetter<TK, TV>;
    return {
      init(ctx: ProcessorContext<K, VOut>) {
        context = internalContext(ctx);
        getter = options.valueGetter.get();
        getter.init(ctx as ProcessorContext<unknown, unknown>);
      },
      process(record: StreamRecord<K, V>) {
        // Kafka's KStreamKTableJoinProcessor#maybeDropRecord: the key mapper always runs (KAFKA-10277: a
        // GlobalKTable join looks up whatever the selector returns, even for a null stream key); a left join
        // keeps a null-key record with a value, and everything else without a join key or value is dropped.
        const mappedKey = options.keyMapper(record.key, record.value);
        const mappedMissing = mappedKey === null || mappedKey === undefined;
        const valueMissing = record.value === null || record.value === undefined;
        const keyMissing = record.key === null || record.key === undefined;
        if (!(options.leftJoin && keyMissing && !valueMissing) && (mappedMissing || valueMissing)) {
          context.metrics.droppedRecords++;
          return;
        }
        const tableValue = mappedMissing ? null : (getter.get(mappedKey)?.value ?? null);
        if (options.leftJoin || tableValue !== null) {
          context.forward({ ...record, value: options.joiner(record.key, record.value, tableValue) });
        }
      },
    };
  };
}

export type TableJoinKind = 'inner' | 'left' | 'right' | 'outer';

/**
 * One side of a table–table join (Kafka's KTableKTableInnerJoin / LeftJoin / RightJoin / OuterJoin): an update
 * on this side is joined with the other side's current value. `kind` is this side's view: a left join runs
 * 'left' on the left table and 'right' on the right one. Results carry the larger of both sides' timestamps.
 */
export function tableJoinSideSupplier<K, VThis, VOther, VOut>(options: {
  readonly kind: TableJoinKind;
  readonly otherGetter: KTableValueGetterSupplier<K, VOther>;
  /** Joiner from this side's point of view (the right side gets Kafka's reversed joiner). */
  readonly joiner: (key: K, thisValue: VThis | null, otherValue: VOther | null) => VOut;
  /** The join result's state: whether downstream asked for old values. */
  readonly state: TableState;
  /** This side is a versioned table: its out-of-order updates are not joined (KIP-914). */
  readonly versioned?: boolean;
}): ProcessorSupplier<K, Change<VThis>, K, Change<VOut>> {
  return () => new TableJoinSide(options);
}

class TableJoinSide<K, VThis, VOther, VOut> implements Processor<K, Change<VThis>, K, Change<VOut>> {
  private context!: InternalProcessorContext<K, Change<VOut>>;
  private getter!: KTableValueGetter<K, VOther>;

  constructor(
    private readonly options: {
      readonly kind: TableJoinKind;
      readonly otherGetter: KTableValueGetterSupplier<K, VOther>;
      readonly joiner: (key: K, thisValue: VThis | null, otherValue: VOther | null) => VOut;
      readonly state: TableState;
      readonly versioned?: boolean;
    },
  ) {}

  init(context: ProcessorContext<K, Change<VOut>>): void {
    this.context = internalContext(context);
    this.getter = this.options.otherGetter.get();
    this.getter.init(context as ProcessorContext<unknown, unknown>);
  }

  process(record: StreamRecord<K, Change<VThis>>): void {
    if (record.key === null || record.key === undefined) {
      this.context.metrics.droppedRecords++;
      return;
    }
    if (this.options.versioned === true && record.value.isLatest === false) {
      this.context.metrics.droppedRecords++;
      return;
    }
    const { kind, joiner } = this.options;
    const sendOld = this.options.state.sendOldValues;
    const change = record.value;
    const other = this.getter.get(record.key);
    const otherValue = other?.value ?? null;
    let newValue: VOut | null = null;
    let oldValue: VOut | null = null;

    if (kind === 'inner' || kind === 'right') {
      // Needs the other side: with nothing there, there is no result to add or retract.
      if (otherValue === null) return;
      if (kind === 'inner') {
        if (change.newValue !== null) newValue = joiner(record.key, change.newValue, otherValue);
        if (sendOld && change.oldValue !== null) oldValue = joiner(record.key, change.oldValue, otherValue);
      } else {
        newValue = joiner(record.key, change.newValue, otherValue);
        if (sendOld) oldValue = joiner(record.key, change.oldValue, otherValue);
      }
    } else {
      if (otherValue === null && change.newValue === null && change.oldValue === null) return;
      const emitNew =
        kind === 'left' ? change.newValue !== null : change.newValue !== null || otherValue !== null;
      const emitOld =
        kind === 'left' ? change.oldValue !== null : change.oldValue !== null || otherValue !== null;
      if (emitNew) newValue = joiner(record.key, change.newValue, otherValue);
      if (sendOld && emitOld) oldValue = joiner(record.key, change.oldValue, otherValue);
    }
    const timestamp = other === null ? record.timestamp : Math.max(record.timestamp, other.timestamp);
    this.context.forward({ ...record, value: { newValue, oldValue }, timestamp });
  }
}

/** Kafka's KTableKTableJoinMerger: both sides' results become one table, materialized when a store is named. */
export function tableJoinMergerSupplier<K, V>(
  state: TableState,
): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  return () => {
    let store: TimestampedKeyValueStore<K, V> | null = null;
    let out: TimestampedTupleForwarder<K, V>;
    return {
      init(ctx) {
        if (state.storeName !== null)
          store = ctx.getStateStore<TimestampedKeyValueStore<K, V>>(state.storeName);
        out = new TimestampedTupleForwarder(store, ctx, state.sendOldValues);
      },
      process(record) {
        let oldValue = record.value.oldValue;
        if (store) {
          oldValue = store.get(record.key)?.value ?? null;
          const v = record.value.newValue;
          store.put(record.key, v === null ? null : { value: v, timestamp: record.timestamp });
        }
        out.maybeForward({
          ...record,
          value: { newValue: record.value.newValue, oldValue: state.sendOldValues ? oldValue : null },
        });
      },
    };
  };
}
