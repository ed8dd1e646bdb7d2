// Unit tests of the foreign-key join's processors, ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/foreignkeyjoin/
// SubscriptionSendProcessorSupplierTest.java, ResponseJoinProcessorSupplierTest.java,
// ForeignTableJoinProcessorSupplierTests.java, SubscriptionJoinProcessorSupplierTest.java and
// SubscriptionWrapperSerdeTest.java / SubscriptionResponseWrapperSerdeTest.java.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../dsl/change.js';
import type { KTableValueGetterSupplier } from '../../dsl/ktable.js';
import type { InternalProcessorContext } from '../../engine/internal-context.js';
import { NodeMetrics } from '../../metrics/node-metrics.js';
import type { Processor, RecordMetadata, StateStore, StreamRecord } from '../../processor/api.js';
import { Serdes } from '../../serdes/serdes.js';
import type { Serde } from '../../serdes/serde.js';
import { TimestampedKeyValueStore, type ValueAndTimestamp } from '../../state/timestamped-key-value-store.js';
import { CombinedKeySchema } from './combined-key.js';
import { hash128Bytes } from './murmur3.js';
import { pseudoTopic } from './pseudo-topics.js';
import { responseJoinSupplier } from './response-processors.js';
import {
  foreignTableJoinSupplier,
  subscriptionJoinSupplier,
  subscriptionSendSupplier,
} from './subscription-processors.js';
import {
  Instruction,
  responseWrapperSerde,
  subscriptionWrapperSerde,
  type SubscriptionResponseWrapper,
  type SubscriptionWrapper,
} from './wrappers.js';

/**
 * A stand-in for Kafka's MockInternalNewProcessorContext: records what a processor forwards, serves the stores
 * it is given, and reports the record metadata the test sets.
 */
class MockContext<K, V> implements InternalProcessorContext<K, V> {
  readonly applicationId = 'app';
  readonly taskId = '0_0';
  readonly nodeName = 'node';
  readonly metrics = new NodeMetrics('node');
  readonly forwarded: StreamRecord<K, V>[] = [];
  metadata: RecordMetadata | null = { topic: 'topic', partition: 0, offset: 0 };

  constructor(private readonly stores: ReadonlyMap<string, StateStore> = new Map()) {}

  recordMetadata(): RecordMetadata | null {
    return this.metadata;
  }
  currentStreamTimeMs(): number {
    return 0;
  }
  currentSystemTimeMs(): number {
    return 0;
  }
  currentTimestamp(): number {
    return 0;
  }
  forward<K2 extends K, V2 extends V>(record: StreamRecord<K2, V2>): void {
    this.forwarded.push(record);
  }
  schedule(): { cancel(): void } {
    throw new Error('the mock context does not schedule punctuations');
  }
  getStateStore<S extends StateStore>(name: string): S {
    const store = this.stores.get(name);
    if (store === undefined) throw new Error(`no store ${name}`);
    return store as S;
  }
  commit(): void {}
}

function record<K, V>(key: K, value: V, timestamp = 0): StreamRecord<K, V> {
  return { key, value, timestamp, headers: new Map() };
}

function run<KIn, VIn, KOut, VOut>(
  processor: Processor<KIn, VIn, KOut, VOut>,
  input: StreamRecord<KIn, VIn>,
  stores?: ReadonlyMap<string, StateStore>,
): MockContext<KOut, VOut> {
  const context = new MockContext<KOut, VOut>(stores);
  processor.init?.(context);
  processor.process(input);
  return context;
}

/** A left value that carries its foreign key (the test's LeftValue); serialized as the key, or "null". */
interface LeftValue {
  readonly foreignKey: string | null;
}
const leftValueSerde: Serde<LeftValue> = {
  serialize: (v) => new TextEncoder().encode(v.foreignKey ?? 'null'),
  deserialize: (b) => ({ foreignKey: new TextDecoder().decode(b) }),
};
const lv = (foreignKey: string | null): LeftValue => ({ foreignKey });
const hash = (value: LeftValue): Uint8Array =>
  hash128Bytes(leftValueSerde.serialize(value, 'value-serde-topic'));

function sender(leftJoin: boolean) {
  return subscriptionSendSupplier<string, LeftValue, string>({
    extractor: (v) => v.foreignKey,
    foreignKeySerde: Serdes.string(),
    foreignKeyTopic: pseudoTopic('subscription-topic-fk'),
    valueSerde: leftValueSerde,
    valueHashTopic: pseudoTopic('value-serde-topic'),
    leftJoin,
  })();
}

function send(leftJoin: boolean, newValue: LeftValue | null, oldValue: LeftValue | null) {
  const change: Change<LeftValue> = { newValue, oldValue };
  return run(sender(leftJoin), record('pk', change));
}

const sub = (
  key: string | null,
  h: Uint8Array | null,
  instruction: Instruction,
): StreamRecord<string | null, SubscriptionWrapper<string>> =>
  record(key, { hash: h, instruction, primaryKey: 'pk', primaryPartition: 0 });

describe('SubscriptionSendProcessorSupplierTest', () => {
  const { DELETE_KEY_AND_PROPAGATE, DELETE_KEY_NO_PROPAGATE } = Instruction;
  const { PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE: NULL_IF_NONE, PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE: ONLY_IF } =
    Instruction;

  it('leftJoinShouldPropagateNewPrimaryKeyWithNonNullFK', () => {
    expect(send(true, lv('fk1'), null).forwarded).toEqual([sub('fk1', hash(lv('fk1')), NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateNewPrimaryKeyWithNullFK', () => {
    expect(send(true, lv(null), null).forwarded).toEqual([sub(null, hash(lv(null)), NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateChangeOfFKFromNonNullToNonNullValue', () => {
    const out = send(true, lv('fk2'), lv('fk1')).forwarded;
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(sub('fk1', hash(lv('fk2')), DELETE_KEY_AND_PROPAGATE));
    expect(out[1]).toEqual(sub('fk2', hash(lv('fk2')), NULL_IF_NONE));
  });
  it('leftJoinShouldPropagateNewRecordOfUnchangedFK', () => {
    expect(send(true, lv('fk1'), lv('fk1')).forwarded).toEqual([sub('fk1', hash(lv('fk1')), NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateChangeOfFKFromNonNullToNullValue', () => {
    const out = send(true, lv(null), lv('fk1')).forwarded;
    expect(out[0]).toEqual(sub('fk1', hash(lv(null)), DELETE_KEY_AND_PROPAGATE));
    expect(out[1]).toEqual(sub(null, hash(lv(null)), NULL_IF_NONE));
  });
  it('leftJoinShouldPropagateChangeFromNullFKToNonNullFKValue', () => {
    expect(send(true, lv('fk1'), lv(null)).forwarded).toEqual([sub('fk1', hash(lv('fk1')), NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateChangeFromNullFKToNullFKValue', () => {
    expect(send(true, lv(null), lv(null)).forwarded).toEqual([sub(null, hash(lv(null)), NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateDeletionOfAPrimaryKey', () => {
    const out = send(true, null, lv('fk1')).forwarded;
    expect(out[0]).toEqual(sub('fk1', null, DELETE_KEY_AND_PROPAGATE));
  });
  it('leftJoinShouldPropagateDeletionOfAPrimaryKeyThatHadNullFK', () => {
    expect(send(true, null, lv(null)).forwarded).toEqual([sub(null, null, NULL_IF_NONE)]);
  });
  it('leftJoinShouldPropagateNothingWhenOldAndNewLeftValueIsNull', () => {
    expect(send(true, null, null).forwarded).toEqual([]);
  });
  it('innerJoinShouldPropagateNewPrimaryKey', () => {
    expect(send(false, lv('fk1'), null).forwarded).toEqual([sub('fk1', hash(lv('fk1')), ONLY_IF)]);
  });
  it('innerJoinShouldNotPropagateNewPrimaryKeyWithNullFK', () => {
    const context = send(false, lv(null), null);
    expect(context.forwarded).toEqual([]);
    expect(context.metrics.droppedRecords).toBe(1);
  });
  it('innerJoinShouldDeleteOldAndPropagateNewFK', () => {
    expect(send(false, lv('fk2'), lv('fk1')).forwarded).toEqual([
      sub('fk1', hash(lv('fk2')), DELETE_KEY_NO_PROPAGATE),
      sub('fk2', hash(lv('fk2')), NULL_IF_NONE),
    ]);
  });
  it('innerJoinShouldPropagateNothingWhenOldAndNewFKIsNull', () => {
    const context = send(false, lv(null), lv(null));
    expect(context.forwarded).toEqual([]);
    expect(context.metrics.droppedRecords).toBe(1);
  });
  it('innerJoinShouldPropagateDeletionOfPrimaryKey', () => {
    expect(send(false, null, lv('fk1')).forwarded).toEqual([sub('fk1', null, DELETE_KEY_AND_PROPAGATE)]);
  });
  it('innerJoinShouldPropagateNothingWhenOldAndNewLeftValueIsNull', () => {
    expect(send(false, null, null).forwarded).toEqual([]);
  });
  it('drops out-of-order updates of a versioned left table (KIP-914), and only then', () => {
    const change: Change<LeftValue> = { newValue: lv('fk2'), oldValue: lv('fk1'), isLatest: false };
    const versioned = subscriptionSendSupplier<string, LeftValue, string>({
      extractor: (v) => v.foreignKey,
      foreignKeySerde: Serdes.string(),
      foreignKeyTopic: pseudoTopic('subscription-topic-fk'),
      valueSerde: leftValueSerde,
      valueHashTopic: pseudoTopic('value-serde-topic'),
      leftJoin: false,
      versioned: true,
    })();
    const context = run(versioned, record('pk', change));
    expect(context.forwarded).toEqual([]);
    expect(context.metrics.droppedRecords).toBe(1);
    expect(run(sender(false), record('pk', change)).forwarded).toHaveLength(2);
  });
  it('carries the partition of the left record, for the response to come back to', () => {
    const context = new MockContext<string | null, SubscriptionWrapper<string>>();
    context.metadata = { topic: 'left', partition: 3, offset: 7 };
    const processor = sender(false);
    processor.init?.(context);
    processor.process(record('pk', { newValue: lv('fk1'), oldValue: null }));
    expect(context.forwarded[0]?.value.primaryPartition).toBe(3);
  });
});

/** Kafka's TestKTableValueGetterSupplier: values from a map, timestamp -1. */
function mapGetter<K, V>(map: Map<K, V | null>): KTableValueGetterSupplier<K, V> {
  return {
    storeNames: [],
    get: () => ({
      init: () => {},
      get: (key: K): ValueAndTimestamp<V> | null => {
        const value = map.get(key) ?? null;
        return value === null ? null : { value, timestamp: -1 };
      },
    }),
  };
}

describe('ResponseJoinProcessorSupplierTest', () => {
  const joiner = (v1: string, v2: string | null): string => `(${v1},${String(v2)})`;
  const stringHash = (s: string): Uint8Array =>
    hash128Bytes(Serdes.string().serialize(s, 'topic-join-resolver'));
  function respond(
    leftJoin: boolean,
    left: string | null,
    h: Uint8Array | null,
    foreignValue: string | null,
  ): MockContext<string, string | null> {
    const processor = responseJoinSupplier<string, string, string, string>({
      leftValues: mapGetter(new Map([['lhs1', left]])),
      valueSerde: Serdes.string(),
      valueHashTopic: pseudoTopic('value-hash-dummy-topic'),
      joiner,
      leftJoin,
    })();
    const response: SubscriptionResponseWrapper<string> = {
      originalValueHash: h,
      foreignValue,
      primaryPartition: 0,
    };
    return run(processor, record('lhs1', response));
  }

  it('shouldNotForwardWhenHashDoesNotMatch', () => {
    const context = respond(false, 'lhsValue', stringHash('oldLhsValue'), 'rhsValue');
    expect(context.forwarded).toEqual([]);
    expect(context.metrics.droppedRecords).toBe(1);
  });
  it('shouldIgnoreUpdateWhenLeftHasBecomeNull', () => {
    const context = respond(false, null, stringHash('lhsValue'), 'rhsValue');
    expect(context.forwarded).toEqual([]);
    expect(context.metrics.droppedRecords).toBe(1);
  });
  it('shouldForwardWhenHashMatches', () => {
    expect(respond(false, 'lhsValue', stringHash('lhsValue'), 'rhsValue').forwarded).toEqual([
      record('lhs1', '(lhsValue,rhsValue)'),
    ]);
  });
  it('shouldEmitTombstoneForInnerJoinWhenRightIsNull', () => {
    expect(respond(false, 'lhsValue', stringHash('lhsValue'), null).forwarded).toEqual([
      record('lhs1', null),
    ]);
  });
  it('shouldEmitResultForLeftJoinWhenRightIsNull', () => {
    expect(respond(true, 'lhsValue', stringHash('lhsValue'), null).forwarded).toEqual([
      record('lhs1', '(lhsValue,null)'),
    ]);
  });
  it('shouldEmitTombstoneForLeftJoinWhenRightIsNullAndLeftIsNull', () => {
    expect(respond(true, null, null, null).forwarded).toEqual([record('lhs1', null)]);
  });
});

const schema = new CombinedKeySchema<string, string>(
  Serdes.string(),
  pseudoTopic('fk'),
  Serdes.string(),
  pseudoTopic('pk'),
);
const subscriptionSerde = subscriptionWrapperSerde(Serdes.string(), pseudoTopic('pk'));

describe('ForeignTableJoinProcessorSupplierTests', () => {
  const h = hash128Bytes(new Uint8Array([1, 2]));
  function setUp(...subscriptions: [string, string][]) {
    const store = new TimestampedKeyValueStore<Uint8Array, SubscriptionWrapper<string>>(
      'subscriptions',
      Serdes.bytes(),
      subscriptionSerde,
    );
    for (const [fk, pk] of subscriptions) {
      const wrapper: SubscriptionWrapper<string> = {
        hash: h,
        instruction: Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE,
        primaryKey: pk,
        primaryPartition: null,
      };
      store.put(schema.toBytes(fk, pk), { value: wrapper, timestamp: 0 });
    }
    return new Map([['subscriptions', store]]);
  }
  const joinRight = (stores: Map<string, StateStore>, key: string | null, change: Change<string>) =>
    run(
      foreignTableJoinSupplier<string, string, string>('subscriptions', schema)(),
      record(key as string, change),
      stores,
    );
  const response = (pk: string, foreignValue: string | null) =>
    record(pk, { originalValueHash: h, foreignValue, primaryPartition: null });

  it('shouldPropagateRightRecordForEachMatchingPrimaryKey', () => {
    const out = joinRight(setUp(['fk1', 'pk1'], ['fk1', 'pk2']), 'fk1', {
      newValue: 'new_value',
      oldValue: null,
    });
    expect(out.forwarded).toEqual([response('pk1', 'new_value'), response('pk2', 'new_value')]);
  });
  it('shouldPropagateNothingIfNoMatchingPrimaryKey', () => {
    expect(
      joinRight(setUp(['fk1', 'pk1']), 'fk2', { newValue: 'new_value', oldValue: null }).forwarded,
    ).toEqual([]);
  });
  it('shouldPropagateTombstoneRightRecordForEachMatchingPrimaryKey', () => {
    const out = joinRight(setUp(['fk1', 'pk1'], ['fk1', 'pk2']), 'fk1', {
      newValue: null,
      oldValue: 'new_value',
    });
    expect(out.forwarded).toEqual([response('pk1', null), response('pk2', null)]);
  });
  it('shouldNotMatchForeignKeysHavingThisFKAsPrefix', () => {
    const out = joinRight(setUp(['fk1', 'pk1'], ['fk', 'pk2']), 'fk', {
      newValue: 'new_value',
      oldValue: null,
    });
    expect(out.forwarded).toEqual([response('pk2', 'new_value')]);
  });
  it('ignores out-of-order updates of a versioned right table (KIP-914)', () => {
    const change: Change<string> = { newValue: 'ooo', oldValue: 'latest', isLatest: false };
    const versioned = run(
      foreignTableJoinSupplier<string, string, string>('subscriptions', schema, true)(),
      record('fk1', change),
      setUp(['fk1', 'pk1']),
    );
    expect(versioned.forwarded).toEqual([]);
    expect(versioned.metrics.droppedRecords).toBe(1);
    expect(joinRight(setUp(['fk1', 'pk1']), 'fk1', change).forwarded).toEqual([response('pk1', 'ooo')]);
  });
  it('shouldIgnoreRecordWithNullKey', () => {
    const out = joinRight(setUp(['fk1', 'pk1']), null, { newValue: 'new_value', oldValue: null });
    expect(out.forwarded).toEqual([]);
    expect(out.metrics.droppedRecords).toBe(1);
  });
});

describe('SubscriptionJoinProcessorSupplierTest', () => {
  const h = hash128Bytes(new Uint8Array([1, 2]));
  function answer(instruction: Instruction, foreign: string | null, foreignKey: string | null = 'fk1') {
    const wrapper: SubscriptionWrapper<string> = {
      hash: h,
      instruction,
      primaryKey: 'pk1',
      primaryPartition: 1,
    };
    const processor = subscriptionJoinSupplier<string, string, string>(
      mapGetter(new Map([['fk1', foreign]])),
    )();
    return run(
      processor,
      record(
        { foreignKey, primaryKey: 'pk1' },
        { newValue: { value: wrapper, timestamp: 1 }, oldValue: null },
        1,
      ),
    ).forwarded;
  }
  const response = (foreignValue: string | null) =>
    record('pk1', { originalValueHash: h, foreignValue, primaryPartition: 1 }, 1);

  it('shouldDeleteKeyAndPropagateFKV1', () => {
    expect(answer(Instruction.DELETE_KEY_AND_PROPAGATE, 'foreignValue')).toEqual([response(null)]);
  });
  it('shouldPropagateOnlyIfFKAvailableV1', () => {
    expect(answer(Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE, 'foreignValue')).toEqual([
      response('foreignValue'),
    ]);
    expect(answer(Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE, null)).toEqual([]);
  });
  it('shouldPropagateNullIfNoFKAvailableV1', () => {
    expect(answer(Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE, 'foreignValue')).toEqual([
      response('foreignValue'),
    ]);
    expect(answer(Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE, null)).toEqual([response(null)]);
    // A left join's null foreign key is answered without a lookup.
    expect(answer(Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE, 'foreignValue', null)).toEqual([
      response(null),
    ]);
  });
  it('shouldDeleteKeyNoPropagateV1', () => {
    expect(answer(Instruction.DELETE_KEY_NO_PROPAGATE, 'foreignValue')).toEqual([]);
  });
});

describe('subscription wrapper serdes (Kafka layout)', () => {
  it('round-trips a subscription with and without a hash', () => {
    const h = hash128Bytes(new Uint8Array([9]));
    for (const wrapper of [
      {
        hash: h,
        instruction: Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE,
        primaryKey: 'pk',
        primaryPartition: 2,
      },
      {
        hash: null,
        instruction: Instruction.DELETE_KEY_AND_PROPAGATE,
        primaryKey: 'pk',
        primaryPartition: null,
      },
    ]) {
      expect(subscriptionSerde.deserialize(subscriptionSerde.serialize(wrapper, 't'), 't')).toEqual(wrapper);
    }
    // {version 1 with isHashNull}{instruction}{"pk"}{partition -1}
    expect([
      ...subscriptionSerde.serialize(
        {
          hash: null,
          instruction: Instruction.DELETE_KEY_AND_PROPAGATE,
          primaryKey: 'pk',
          primaryPartition: null,
        },
        't',
      ),
    ]).toEqual([0x81, 1, 0x70, 0x6b, 0xff, 0xff, 0xff, 0xff]);
  });

  it('round-trips a response; an empty value reads as null, as in Kafka', () => {
    const serde = responseWrapperSerde(Serdes.string());
    const h = hash128Bytes(new Uint8Array([9]));
    const withValue = { originalValueHash: h, foreignValue: 'v', primaryPartition: null };
    expect(serde.deserialize(serde.serialize(withValue, 't'), 't')).toEqual(withValue);
    const empty = { originalValueHash: null, foreignValue: null, primaryPartition: null };
    expect([...serde.serialize(empty, 't')]).toEqual([0x80]);
    expect(serde.deserialize(serde.serialize(empty, 't'), 't')).toEqual(empty);
  });

  it('rejects versions it does not know', () => {
    expect(() => subscriptionSerde.deserialize(new Uint8Array([0x05, 0]), 't')).toThrow(/version 5/);
    expect(() => responseWrapperSerde(Serdes.string()).deserialize(new Uint8Array([0x03]), 't')).toThrow(
      /version 3/,
    );
  });

  it('orders combined keys by foreign key first (CombinedKeySchemaTest)', () => {
    const key = schema.toBytes('fk', 'pk');
    expect(schema.fromBytes(key)).toEqual({ foreignKey: 'fk', primaryKey: 'pk' });
    expect([...schema.prefixBytes('fk')]).toEqual([0, 0, 0, 2, 0x66, 0x6b]);
    expect([...key.subarray(0, 6)]).toEqual([...schema.prefixBytes('fk')]);
  });
});
