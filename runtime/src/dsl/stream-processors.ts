import type { KeyValue } from '../state/key-value-store.js';
import { withKeyValue, withValue } from './records.js';
import type { Processor, ProcessorContext, ProcessorSupplier, StreamRecord } from '../processor/api.js';
import type { KeyValueMapper, Predicate, ValueMapper } from './options.js';

// The stateless KStream operators as Processor API processors (Kafka's KStreamFilter, KStreamMap, ...).
// Records are spread into new objects on forward: the incoming one may still be read by sibling branches.

type Ctx = ProcessorContext<unknown, unknown>;

abstract class Stateless<KIn, VIn> implements Processor<KIn, VIn, unknown, unknown> {
  protected ctx!: Ctx;
  init(context: Ctx): void {
    this.ctx = context;
  }
  abstract process(record: StreamRecord<KIn, VIn>): void;
}

export function filterSupplier<K, V>(
  predicate: Predicate<K, V>,
  negate: boolean,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        if (predicate(record.key, record.value) !== negate) this.ctx.forward(record);
      }
    })();
}

export function mapSupplier<K, V, KR, VR>(
  mapper: KeyValueMapper<K, V, KeyValue<KR, VR>>,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        const out = mapper(record.key, record.value);
        if (out === null || out === undefined)
          throw new TypeError('map() must return a { key, value } object');
        this.ctx.forward(withKeyValue(record, out.key, out.value));
      }
    })();
}

export function mapValuesSupplier<K, V, VR>(
  mapper: ValueMapper<V, K, VR>,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        this.ctx.forward(withValue(record, mapper(record.value, record.key)));
      }
    })();
}

export function flatMapSupplier<K, V, KR, VR>(
  mapper: KeyValueMapper<K, V, Iterable<KeyValue<KR, VR>>>,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        for (const out of mapper(record.key, record.value))
          this.ctx.forward(withKeyValue(record, out.key, out.value));
      }
    })();
}

export function flatMapValuesSupplier<K, V, VR>(
  mapper: ValueMapper<V, K, Iterable<VR>>,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        for (const value of mapper(record.value, record.key)) this.ctx.forward(withValue(record, value));
      }
    })();
}

/** peek forwards, foreach does not (it is a terminal node). */
export function peekSupplier<K, V>(
  action: (key: K, value: V) => void,
  forward: boolean,
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        action(record.key, record.value);
        if (forward) this.ctx.forward(record);
      }
    })();
}

export function passThroughSupplier<K, V>(): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        this.ctx.forward(record);
      }
    })();
}

/**
 * KStreamBranch: the first matching predicate's child gets the record; with a default branch, its child (the
 * last name) gets the rest. The lists are filled as branches are declared, after the node was added.
 */
export function branchSupplier<K, V>(
  predicates: readonly Predicate<K, V>[],
  childNames: readonly string[],
): ProcessorSupplier<K, V, unknown, unknown> {
  return () =>
    new (class extends Stateless<K, V> {
      process(record: StreamRecord<K, V>): void {
        for (let i = 0; i < predicates.length; i++) {
          if ((predicates[i] as Predicate<K, V>)(record.key, record.value)) {
            this.ctx.forward(record, childNames[i]);
            return;
          }
        }
        if (childNames.length > predicates.length)
          this.ctx.forward(record, childNames[childNames.length - 1]);
      }
    })();
}
