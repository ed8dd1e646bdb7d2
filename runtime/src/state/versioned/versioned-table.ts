import type { Change } from '../../dsl/change.js';
import type { KTableValueGetter, KTableValueGetterSupplier } from '../../dsl/internals.js';
import { withValue } from '../../dsl/records.js';
import type { TableState } from '../../dsl/table-processors.js';
import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { ProcessorContext, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { ValueAndTimestamp } from '../timestamped-key-value-store.js';
import {
  PUT_RETURN_CODE_NOT_PUT,
  PUT_RETURN_CODE_VALID_TO_UNDEFINED,
  type VersionedKeyValueStore,
  type VersionedRecord,
} from './versioned-key-value-store.js';

// The KTable side of versioned stores (KIP-914): the source processor that writes them and the value getter
// that reads them, latest or as of a timestamp.

/**
 * Kafka's KTableSource over a versioned store: every update goes into the store; one older than the history
 * retention is dropped, one older than the latest version goes into history and is forwarded with
 * `isLatest: false` (joins ignore it; the latest value is unchanged).
 */
export function versionedTableSourceSupplier<K, V>(state: TableState): ProcessorSupplier<K, V, K, Change<V>> {
  return () => {
    let ctx: InternalProcessorContext<K, Change<V>>;
    let store: VersionedKeyValueStore<K, V>;
    return {
      init(context: ProcessorContext<K, Change<V>>) {
        ctx = internalContext(context);
        if (state.storeName === null) throw new Error('a versioned table source needs its store');
        store = ctx.getStateStore<VersionedKeyValueStore<K, V>>(state.storeName);
      },
      process(record: StreamRecord<K, V>) {
        if (record.key === null || record.key === undefined) {
          ctx.metrics.droppedRecords++;
          return;
        }
        const oldValue = state.sendOldValues ? (store.get(record.key)?.value ?? null) : null;
        const result = store.put(record.key, record.value ?? null, record.timestamp);
        if (result === PUT_RETURN_CODE_NOT_PUT) {
          ctx.metrics.droppedRecords++;
          return;
        }
        const newValue = record.value ?? null;
        const change: Change<V> =
          result === PUT_RETURN_CODE_VALID_TO_UNDEFINED
            ? { newValue, oldValue }
            : { newValue, oldValue, isLatest: false };
        ctx.forward(withValue(record, change));
      },
    };
  };
}

function asValueAndTimestamp<V>(record: VersionedRecord<V> | null): ValueAndTimestamp<V> | null {
  return record === null ? null : { value: record.value, timestamp: record.timestamp };
}

/** Reads a versioned table: `get` the latest value, `getAsOf` the value at a time (Kafka's isVersioned getter). */
export function versionedValueGetterSupplier<K, V>(storeName: string): KTableValueGetterSupplier<K, V> {
  return {
    storeNames: [storeName],
    get: () => {
      let store: VersionedKeyValueStore<K, V> | null = null;
      const opened = (): VersionedKeyValueStore<K, V> => {
        if (store === null)
          throw new Error(`the getter of versioned store "${storeName}" is not initialized`);
        return store;
      };
      return {
        init: (context) => {
          store = internalContext(context).getStateStore<VersionedKeyValueStore<K, V>>(storeName);
        },
        get: (key) => asValueAndTimestamp(opened().get(key)),
        getAsOf: (key, asOfTimestamp) => asValueAndTimestamp(opened().get(key, asOfTimestamp)),
      };
    },
  };
}

/**
 * For stream–table joins (Kafka's KStreamKTableJoinProcessor with a versioned table): a versioned table is read
 * as of the timestamp of the stream record being processed; other tables as they are now.
 */
export function asOfRecordTime<K, V>(
  supplier: KTableValueGetterSupplier<K, V>,
): KTableValueGetterSupplier<K, V> {
  return {
    storeNames: supplier.storeNames,
    get: () => {
      const inner = supplier.get();
      const getAsOf = inner.getAsOf?.bind(inner);
      if (getAsOf === undefined) return inner;
      let ctx: InternalProcessorContext<unknown, unknown> | null = null;
      const getter: KTableValueGetter<K, V> = {
        init: (context) => {
          ctx = internalContext(context);
          inner.init(context);
        },
        get: (key) => {
          if (ctx === null) throw new Error('the versioned table getter is not initialized');
          return getAsOf(key, ctx.currentTimestamp());
        },
        getAsOf,
      };
      return getter;
    },
  };
}
