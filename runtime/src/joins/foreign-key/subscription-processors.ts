import type { Change } from '../../dsl/change.js';
import type { KTableValueGetter, KTableValueGetterSupplier } from '../../dsl/internals.js';
import { withKeyValue } from '../../dsl/records.js';
import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { ProcessorContext, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { Serde } from '../../serdes/serde.js';
import type { TimestampedKeyValueStore, ValueAndTimestamp } from '../../state/timestamped-key-value-store.js';
import { hasPrefix, incrementBytes, type CombinedKey, type CombinedKeySchema } from './combined-key.js';
import { hash128Bytes } from './murmur3.js';
import type { PseudoTopic, PseudoTopics } from './pseudo-topics.js';
import {
  Instruction,
  sameHash,
  type SubscriptionResponseWrapper,
  type SubscriptionWrapper,
} from './wrappers.js';

// The processors of a foreign-key join before the response topic (Kafka's SubscriptionSendProcessorSupplier,
// SubscriptionReceiveProcessorSupplier, SubscriptionJoinProcessorSupplier and
// ForeignTableJoinProcessorSupplier). The left table's updates become subscriptions keyed by foreign key; the
// right side keeps them in the subscription store and answers each one, and each right update, with a response
// keyed by primary key.

export type ForeignKeyExtractor<K, V, KO> = (value: V, key: K) => KO | null | undefined;

/** The subscription store: subscriptions by combined key, with the timestamp of the left update. */
export type SubscriptionStore<K> = TimestampedKeyValueStore<Uint8Array, SubscriptionWrapper<K>>;

function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION: turns a left-table change into (un)subscriptions. */
export function subscriptionSendSupplier<K, V, KO>(options: {
  readonly extractor: ForeignKeyExtractor<K, V, KO>;
  readonly foreignKeySerde: Serde<KO>;
  readonly foreignKeyTopic: PseudoTopic;
  readonly valueSerde: Serde<V>;
  readonly valueHashTopic: PseudoTopic;
  /** Resolves the pseudo topics against the application id when the task starts. */
  readonly topics?: PseudoTopics;
  readonly leftJoin: boolean;
  /** The left table is versioned: its out-of-order updates are not joined (KIP-914). */
  readonly versioned?: boolean;
}): ProcessorSupplier<K, Change<V>, KO | null, SubscriptionWrapper<K>> {
  const { extractor, foreignKeySerde, foreignKeyTopic, valueSerde, valueHashTopic, leftJoin } = options;
  const versioned = options.versioned ?? false;
  const sameForeignKey = (a: KO | null, b: KO | null): boolean => {
    if (a === null || b === null) return a === b;
    return sameHash(
      foreignKeySerde.serialize(a, foreignKeyTopic.name),
      foreignKeySerde.serialize(b, foreignKeyTopic.name),
    );
  };
  return () => {
    let ctx: InternalProcessorContext<KO | null, SubscriptionWrapper<K>>;
    let hash: Uint8Array | null | undefined;
    const extract = (value: V, key: K): KO | null => {
      const fk = extractor(value, key);
      return isNull(fk) ? null : fk;
    };
    const forward = (record: StreamRecord<K, Change<V>>, fk: KO | null, instruction: Instruction): void => {
      // Kafka hashes the new value once per left update, however many subscriptions it sends.
      if (hash === undefined) {
        const newValue = record.value.newValue;
        hash = newValue === null ? null : hash128Bytes(valueSerde.serialize(newValue, valueHashTopic.name));
      }
      const wrapper: SubscriptionWrapper<K> = {
        hash,
        instruction,
        primaryKey: record.key,
        primaryPartition: ctx.recordMetadata()?.partition ?? null,
      };
      ctx.forward(withKeyValue(record, fk, wrapper));
    };
    // Kafka's dropped-records sensor: null foreign keys of inner joins, out-of-order versioned updates.
    const drop = (): void => {
      ctx.metrics.droppedRecords++;
    };
    return {
      init(context: ProcessorContext<KO | null, SubscriptionWrapper<K>>) {
        ctx = internalContext(context);
        options.topics?.resolve(ctx.applicationId);
      },
      process(record: StreamRecord<K, Change<V>>) {
        hash = undefined;
        if (versioned && record.value.isLatest === false) return drop();
        const { oldValue, newValue } = record.value;
        if (leftJoin) {
          if (oldValue !== null) {
            const oldFk = extract(oldValue, record.key);
            const newFk = newValue === null ? null : extract(newValue, record.key);
            if (oldFk !== null && !sameForeignKey(newFk, oldFk))
              forward(record, oldFk, Instruction.DELETE_KEY_AND_PROPAGATE);
            forward(record, newFk, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
          } else if (newValue !== null) {
            forward(record, extract(newValue, record.key), Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
          }
          return;
        }
        if (oldValue !== null) {
          const oldFk = extract(oldValue, record.key);
          if (oldFk === null) return drop();
          if (newValue === null) {
            forward(record, oldFk, Instruction.DELETE_KEY_AND_PROPAGATE);
            return;
          }
          const newFk = extract(newValue, record.key);
          if (newFk === null) return drop();
          // A moved subscription leaves the old foreign key silently; the new one answers (null if unmatched,
          // which retracts the old result for inner joins too).
          if (!sameForeignKey(newFk, oldFk)) forward(record, oldFk, Instruction.DELETE_KEY_NO_PROPAGATE);
          forward(record, newFk, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
        } else if (newValue !== null) {
          const newFk = extract(newValue, record.key);
          if (newFk === null) return drop();
          forward(record, newFk, Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE);
        }
      },
    };
  };
}

/**
 * KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR (receive): records the subscription in the store (or removes it) and
 * passes it on as a change keyed by the combined key. A null foreign key (left joins only) is answered without
 * being stored.
 */
export function subscriptionReceiveSupplier<K, KO>(
  storeName: string,
  schema: CombinedKeySchema<KO, K>,
  topics?: PseudoTopics,
): ProcessorSupplier<
  KO | null,
  SubscriptionWrapper<K>,
  CombinedKey<KO | null, K>,
  Change<ValueAndTimestamp<SubscriptionWrapper<K>>>
> {
  return () => {
    let ctx: InternalProcessorContext<
      CombinedKey<KO | null, K>,
      Change<ValueAndTimestamp<SubscriptionWrapper<K>>>
    >;
    let store: SubscriptionStore<K>;
    return {
      init(context) {
        ctx = internalContext(context);
        topics?.resolve(ctx.applicationId);
        store = ctx.getStateStore<SubscriptionStore<K>>(storeName);
      },
      process(record) {
        const wrapper = record.value;
        const fk = isNull(record.key) ? null : record.key;
        if (fk === null && wrapper.instruction !== Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
          ctx.metrics.droppedRecords++;
          return;
        }
        const newValue: ValueAndTimestamp<SubscriptionWrapper<K>> = {
          value: wrapper,
          timestamp: record.timestamp,
        };
        let oldValue: ValueAndTimestamp<SubscriptionWrapper<K>> | null = null;
        if (fk !== null) {
          const key = schema.toBytes(fk, wrapper.primaryKey);
          oldValue = store.get(key);
          const unsubscribe =
            wrapper.instruction === Instruction.DELETE_KEY_AND_PROPAGATE ||
            wrapper.instruction === Instruction.DELETE_KEY_NO_PROPAGATE;
          if (unsubscribe) store.delete(key);
          else store.put(key, newValue);
        }
        ctx.forward(
          withKeyValue(record, { foreignKey: fk, primaryKey: wrapper.primaryKey }, { newValue, oldValue }),
        );
      },
    };
  };
}

/** KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR (join foreign): answers a subscription with the right value. */
export function subscriptionJoinSupplier<K, KO, VO>(
  foreignValues: KTableValueGetterSupplier<KO, VO>,
): ProcessorSupplier<
  CombinedKey<KO | null, K>,
  Change<ValueAndTimestamp<SubscriptionWrapper<K>>>,
  K,
  SubscriptionResponseWrapper<VO>
> {
  return () => {
    let ctx: InternalProcessorContext<K, SubscriptionResponseWrapper<VO>>;
    let getter: KTableValueGetter<KO, VO>;
    return {
      init(context) {
        ctx = internalContext(context);
        getter = foreignValues.get();
        getter.init(context as ProcessorContext<unknown, unknown>);
      },
      process(record) {
        const subscription = record.value.newValue;
        if (subscription === null) throw new Error('a subscription change must carry its new value');
        const wrapper = subscription.value;
        const fk = record.key.foreignKey;
        const foreign = fk === null ? null : getter.get(fk);
        const timestamp =
          foreign === null ? subscription.timestamp : Math.max(subscription.timestamp, foreign.timestamp);
        const respond = (foreignValue: VO | null): void => {
          ctx.forward({
            key: record.key.primaryKey,
            value: {
              originalValueHash: wrapper.hash,
              foreignValue,
              primaryPartition: wrapper.primaryPartition,
            },
            timestamp,
            headers: record.headers,
          });
        };
        switch (wrapper.instruction) {
          case Instruction.DELETE_KEY_AND_PROPAGATE:
            respond(null);
            break;
          case Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE:
            respond(foreign?.value ?? null);
            break;
          case Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE:
            if (foreign !== null) respond(foreign.value);
            break;
          case Instruction.DELETE_KEY_NO_PROPAGATE:
            break;
        }
      },
    };
  };
}

/**
 * KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR (foreign join subscription): a right-table update answers every
 * subscription to its key, found by a prefix scan of the subscription store.
 */
export function foreignTableJoinSupplier<K, KO, VO>(
  storeName: string,
  schema: CombinedKeySchema<KO, K>,
  /** The right table is versioned: its out-of-order updates answer no subscription (KIP-914). */
  versioned = false,
  topics?: PseudoTopics,
): ProcessorSupplier<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> {
  return () => {
    let ctx: InternalProcessorContext<K, SubscriptionResponseWrapper<VO>>;
    let store: SubscriptionStore<K>;
    return {
      init(context) {
        ctx = internalContext(context);
        topics?.resolve(ctx.applicationId);
        store = ctx.getStateStore<SubscriptionStore<K>>(storeName);
      },
      process(record) {
        if (isNull(record.key) || (versioned && record.value.isLatest === false)) {
          ctx.metrics.droppedRecords++;
          return;
        }
        const prefix = schema.prefixBytes(record.key);
        for (const entry of store.range(prefix, incrementBytes(prefix))) {
          // The range's upper bound is inclusive, so it may hold one key past the prefix.
          if (!hasPrefix(entry.key, prefix)) continue;
          const { primaryKey } = schema.fromBytes(entry.key);
          const subscription = entry.value.value;
          ctx.forward(
            withKeyValue(record, primaryKey, {
              originalValueHash: subscription.hash,
              foreignValue: record.value.newValue,
              primaryPartition: subscription.primaryPartition,
            }),
          );
        }
      },
    };
  };
}
