import { internalContext, type InternalProcessorContext } from '../engine/internal-context.js';
import { TimestampedTupleForwarder } from '../engine/tuple-forwarder.js';
import type { Processor, ProcessorContext, ProcessorSupplier, StreamRecord } from '../processor/api.js';
import type { KeyValue } from '../state/key-value-store.js';
import type { TimestampedKeyValueStore, ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import type { Change } from './change.js';
import { withKeyValue, withValue, withValueAndTimestamp } from './records.js';
import type { Aggregator, Initializer, KeyValueMapper, Predicate, Reducer, ValueMapper } from './options.js';

// KTable and aggregation processors (Kafka's KTableSource, KTableFilter, KTableMapValues, KTableRepartitionMap,
// KStreamAggregate, KStreamReduce, KTableAggregate, KTableReduce). They forward Change pairs; whether old
// values are sent is decided after the whole topology is built, so each reads a shared mutable `TableState`.

/** Decided while building: is the result materialized, and does a downstream operator need old values? */
export interface TableState {
  storeName: string | null;
  sendOldValues: boolean;
}

type Ctx = InternalProcessorContext<unknown, unknown>;
type Store<K, V> = TimestampedKeyValueStore<K, V>;

abstract class Base<KIn, VIn> implements Processor<KIn, VIn, unknown, unknown> {
  protected ctx!: Ctx;
  init(context: ProcessorContext<unknown, unknown>): void {
    this.ctx = internalContext(context);
  }
  abstract process(record: StreamRecord<KIn, VIn>): void;
  protected store<K, V>(name: string | null): Store<K, V> | null {
    return name === null ? null : this.ctx.getStateStore<Store<K, V>>(name);
  }
  /** Forwards through the store's cache when it has one (see TimestampedTupleForwarder); the processors here
   * forward through an untyped context, so the forwarder is typed by the store it serves. */
  protected forwarder<K, V>(
    store: Store<K, V> | null,
    sendOldValues: boolean,
  ): TimestampedTupleForwarder<K, V> {
    return new TimestampedTupleForwarder<K, V>(
      store,
      this.ctx as unknown as ProcessorContext<K, Change<V>>,
      sendOldValues,
    );
  }
  /** Kafka logs and counts records it cannot use (null keys for tables and aggregations). */
  protected drop(): void {
    this.ctx.metrics.droppedRecords++;
  }
}

export function tableSourceSupplier<K, V>(state: TableState): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Base<K, V> {
      private kv: Store<K, V> | null = null;
      private out!: TimestampedTupleForwarder<K, V>;
      override init(context: ProcessorContext<unknown, unknown>): void {
        super.init(context);
        this.kv = this.store(state.storeName);
        this.out = this.forwarder(this.kv, state.sendOldValues);
      }
      process(record: StreamRecord<K, V>): void {
        if (record.key === null || record.key === undefined) return this.drop();
        let oldValue: V | null = null;
        if (this.kv) {
          oldValue = this.kv.get(record.key)?.value ?? null;
          this.kv.put(
            record.key,
            record.value === null ? null : { value: record.value, timestamp: record.timestamp },
          );
        }
        const change: Change<V> = { newValue: record.value, oldValue: state.sendOldValues ? oldValue : null };
        this.out.maybeForward(withValue(record, change));
      }
    })();
}

/** Shared shape of filter and mapValues on a table: compute new (and old) from the parent's change. */
function tableTransformSupplier<K, V, VR>(
  state: TableState,
  compute: (key: K, value: V | null) => VR | null,
  skipDoubleNull: boolean,
): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return () =>
    new (class extends Base<K, Change<V>> {
      private kv: Store<K, VR> | null = null;
      private out!: TimestampedTupleForwarder<K, VR>;
      override init(context: ProcessorContext<unknown, unknown>): void {
        super.init(context);
        this.kv = this.store(state.storeName);
        this.out = this.forwarder(this.kv, state.sendOldValues);
      }
      process(record: StreamRecord<K, Change<V>>): void {
        const newValue = compute(record.key, record.value.newValue);
        let oldValue: VR | null = null;
        if (state.sendOldValues) {
          oldValue = this.kv
            ? (this.kv.get(record.key)?.value ?? null)
            : compute(record.key, record.value.oldValue);
        }
        if (skipDoubleNull && state.sendOldValues && oldValue === null && newValue === null) return;
        this.kv?.put(record.key, newValue === null ? null : { value: newValue, timestamp: record.timestamp });
        const change: Change<VR> =
          record.value.isLatest === false ? { newValue, oldValue, isLatest: false } : { newValue, oldValue };
        this.out.maybeForward(withValue(record, change));
      }
    })();
}

export function tableFilterSupplier<K, V>(
  state: TableState,
  predicate: Predicate<K, V>,
  negate: boolean,
  /** Over a versioned table Kafka forwards even null→null changes (KTableFilter's useVersionedSemantics). */
  versionedUpstream = false,
): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return tableTransformSupplier<K, V, V>(
    state,
    (key, value) => (value !== null && predicate(key, value) !== negate ? value : null),
    !versionedUpstream,
  );
}

export function tableMapValuesSupplier<K, V, VR>(
  state: TableState,
  mapper: ValueMapper<V, K, VR>,
): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return tableTransformSupplier<K, V, VR>(
    state,
    (key, value) => (value === null ? null : mapper(value, key)),
    false,
  );
}

export function tableToStreamSupplier<K, V>(): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return () =>
    new (class extends Base<K, Change<V>> {
      process(record: StreamRecord<K, Change<V>>): void {
        this.ctx.forward(withValue(record, record.value.newValue));
      }
    })();
}

/** KTable#groupBy's KTABLE-SELECT: re-keys both halves of a change, subtraction first. */
export function tableRepartitionMapSupplier<K, V, KR, VR>(
  selector: KeyValueMapper<K, V, KeyValue<KR, VR>>,
  /** Over a versioned table, out-of-order updates stay out of the aggregate (KIP-914). */
  versionedUpstream = false,
): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return () =>
    new (class extends Base<K, Change<V>> {
      process(record: StreamRecord<K, Change<V>>): void {
        if (versionedUpstream && record.value.isLatest === false) return;
        const { newValue, oldValue } = record.value;
        const newPair = newValue === null ? null : selector(record.key, newValue);
        const oldPair = oldValue === null ? null : selector(record.key, oldValue);
        const newOk = newPair !== null && newPair.key !== null && newPair.value !== null;
        const oldOk = oldPair !== null && oldPair.key !== null && oldPair.value !== null;
        if (newOk && oldOk && sameKey(oldPair.key, newPair.key)) {
          this.ctx.forward(withKeyValue(record, newPair.key, change(newPair.value, oldPair.value)));
          return;
        }
        if (oldOk) this.ctx.forward(withKeyValue(record, oldPair.key, change(null, oldPair.value)));
        if (newOk) this.ctx.forward(withKeyValue(record, newPair.key, change(newPair.value, null)));
      }
    })();
}

function change<V>(newValue: V | null, oldValue: V | null): Change<V> {
  return { newValue, oldValue };
}

function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** KStreamAggregate / KStreamReduce: `first` seeds the aggregate from the first value (reduce) or the initializer. */
export function streamAggregateSupplier<K, V, A>(
  state: TableState & { storeName: string },
  first: (key: K, value: V) => A,
  next: (key: K, value: V, aggregate: A) => A,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Base<K, V> {
      private kv!: Store<K, A>;
      private out!: TimestampedTupleForwarder<K, A>;
      override init(context: ProcessorContext<unknown, unknown>): void {
        super.init(context);
        this.kv = this.store<K, A>(state.storeName) as Store<K, A>;
        this.out = this.forwarder(this.kv, state.sendOldValues);
      }
      process(record: StreamRecord<K, V>): void {
        if (
          record.key === null ||
          record.key === undefined ||
          record.value === null ||
          record.value === undefined
        ) {
          return this.drop();
        }
        const old: ValueAndTimestamp<A> | null = this.kv.get(record.key);
        const newAgg =
          old === null ? first(record.key, record.value) : next(record.key, record.value, old.value);
        const timestamp = old === null ? record.timestamp : Math.max(record.timestamp, old.timestamp);
        this.kv.put(record.key, { value: newAgg, timestamp });
        const change: Change<A> = {
          newValue: newAgg,
          oldValue: state.sendOldValues ? (old?.value ?? null) : null,
        };
        this.out.maybeForward(withValueAndTimestamp(record, change, timestamp));
      }
    })();
}

export function streamAggregate<K, V, A>(init: Initializer<A>, aggregator: Aggregator<K, V, A>) {
  return { first: (k: K, v: V): A => aggregator(k, v, init()), next: aggregator };
}

export function streamReduce<K, V>(reducer: Reducer<V>) {
  return { first: (_k: K, v: V): V => v, next: (_k: K, v: V, agg: V): V => reducer(agg, v) };
}

/** KTableAggregate / KTableReduce: subtract the old value, then add the new one. */
export function tableAggregateSupplier<K, V, A>(
  state: TableState & { storeName: string },
  add: (key: K, value: V, aggregate: A | null) => A,
  subtract: (key: K, value: V, aggregate: A) => A | null,
): ProcessorSupplier<K, Change<V>, unknown, unknown> {
  return () =>
    new (class extends Base<K, Change<V>> {
      private kv!: Store<K, A>;
      private out!: TimestampedTupleForwarder<K, A>;
      override init(context: ProcessorContext<unknown, unknown>): void {
        super.init(context);
        this.kv = this.store<K, A>(state.storeName) as Store<K, A>;
        this.out = this.forwarder(this.kv, state.sendOldValues);
      }
      process(record: StreamRecord<K, Change<V>>): void {
        if (record.key === null || record.key === undefined) return this.drop();
        const old = this.kv.get(record.key);
        const oldAgg = old?.value ?? null;
        let timestamp = record.timestamp;
        let intermediate: A | null = oldAgg;
        if (record.value.oldValue !== null && oldAgg !== null) {
          intermediate = subtract(record.key, record.value.oldValue, oldAgg);
          timestamp = Math.max(record.timestamp, old?.timestamp ?? record.timestamp);
        }
        let newAgg: A | null = intermediate;
        if (record.value.newValue !== null) {
          newAgg = add(record.key, record.value.newValue, intermediate);
          if (old) timestamp = Math.max(record.timestamp, old.timestamp);
        }
        this.kv.put(record.key, newAgg === null ? null : { value: newAgg, timestamp });
        const change: Change<A> = { newValue: newAgg, oldValue: state.sendOldValues ? oldAgg : null };
        this.out.maybeForward(withValueAndTimestamp(record, change, timestamp));
      }
    })();
}
