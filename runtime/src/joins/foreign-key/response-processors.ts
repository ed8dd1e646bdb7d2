import type { KTableValueGetter, KTableValueGetterSupplier } from '../../dsl/internals.js';
import { withValue } from '../../dsl/records.js';
import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { ProcessorContext, ProcessorSupplier } from '../../processor/api.js';
import type { Serde } from '../../serdes/serde.js';
import { hash128Bytes } from './murmur3.js';
import type { PseudoTopic, PseudoTopics } from './pseudo-topics.js';
import { sameHash, type SubscriptionResponseWrapper } from './wrappers.js';

/**
 * KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR (Kafka's ResponseJoinProcessorSupplier): joins a
 * response with the left record's current value, and drops it when the left value has changed since the
 * subscription was sent (its hash no longer matches), so a quickly re-pointed foreign key never emits a stale
 * result. A missing right value gives a tombstone for inner joins and `joiner(left, null)` for left joins.
 */
export function responseJoinSupplier<K, V, VO, VR>(options: {
  readonly leftValues: KTableValueGetterSupplier<K, V>;
  readonly valueSerde: Serde<V>;
  readonly valueHashTopic: PseudoTopic;
  /** Resolves the pseudo topics against the application id when the task starts. */
  readonly topics?: PseudoTopics;
  readonly joiner: (left: V, right: VO | null, key: K) => VR;
  readonly leftJoin: boolean;
}): ProcessorSupplier<K, SubscriptionResponseWrapper<VO>, K, VR | null> {
  const { leftValues, valueSerde, valueHashTopic, joiner, leftJoin } = options;
  return () => {
    let ctx: InternalProcessorContext<K, VR | null>;
    let getter: KTableValueGetter<K, V>;
    return {
      init(context: ProcessorContext<K, VR | null>) {
        ctx = internalContext(context);
        options.topics?.resolve(ctx.applicationId);
        getter = leftValues.get();
        getter.init(context as ProcessorContext<unknown, unknown>);
      },
      process(record) {
        const current = getter.get(record.key);
        const currentHash =
          current === null ? null : hash128Bytes(valueSerde.serialize(current.value, valueHashTopic.name));
        if (!sameHash(record.value.originalValueHash, currentHash)) {
          ctx.metrics.droppedRecords++;
          return;
        }
        const foreignValue = record.value.foreignValue;
        const result =
          current === null || (foreignValue === null && !leftJoin)
            ? null
            : joiner(current.value, foreignValue, record.key);
        ctx.forward(withValue(record, result));
      },
    };
  };
}
