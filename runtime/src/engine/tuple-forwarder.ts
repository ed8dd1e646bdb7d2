import type { Change } from '../dsl/change.js';
import type { ProcessorContext, StateStore, StreamRecord } from '../processor/api.js';
import { isCachingStore } from '../state/cache/caching-store.js';
import type { ValueAndTimestamp } from '../state/timestamped-key-value-store.js';

/**
 * Kafka's TimestampedTupleForwarder: an operator over a timestamped store forwards its updates itself, unless the
 * store is cached — then the store forwards each key's latest update when it flushes (TimestampedCacheFlushListener:
 * stamped with the new value's timestamp, or the writing record's for a delete).
 */
export class TimestampedTupleForwarder<K, V> {
  private readonly caching: boolean;

  constructor(
    store: StateStore | null,
    private readonly context: ProcessorContext<K, Change<V>>,
    sendOldValues: boolean,
  ) {
    this.caching = store !== null && isCachingStore<K, ValueAndTimestamp<V>>(store);
    if (store !== null && isCachingStore<K, ValueAndTimestamp<V>>(store)) {
      store.setFlushListener(
        (record) =>
          context.forward({
            key: record.key,
            value: {
              newValue: record.value.newValue?.value ?? null,
              oldValue: record.value.oldValue?.value ?? null,
            },
            timestamp: record.value.newValue?.timestamp ?? record.timestamp,
            headers: record.headers,
          }),
        sendOldValues,
      );
    }
  }

  maybeForward(record: StreamRecord<K, Change<V>>): void {
    if (!this.caching) this.context.forward(record);
  }
}
