// Foreign-key table–table joins (KIP-213), ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/integration/KTableKTableForeignKeyJoinIntegrationTest.java
// (every test, over its parameters: leftJoin × materialized × rejoin with plain tables, and leftJoin ×
// materialized × left/right versioned without rejoin; the optimization parameter is moot, as the runtime has no
// topology optimizer). Its readKeyValuesToMap keeps tombstones as null entries: latestByKey.
import { describe, expect, it } from 'vitest';
import {
  Serdes,
  StreamsBuilder,
  TopologyTestDriver,
  type KeyValueStore,
  type Topology,
} from '../../runtime/src/index.js';
import { latestByKey } from './support.js';

const LEFT_TABLE = 'left_table';
const RIGHT_TABLE = 'right_table';
const OUTPUT = 'output-topic';
const REJOIN_OUTPUT = 'rejoin-output-topic';
const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const baseTimestamp = 1_000_000;

type Extractor = (value: string) => string | null;
const defaultExtractor: Extractor = (value) => value.split('|')[1] as string;

interface Params {
  readonly leftJoin: boolean;
  readonly materialized: boolean;
  readonly rejoin: boolean;
  readonly leftVersioned: boolean;
  readonly rightVersioned: boolean;
}

// Stores.persistentVersionedKeyValueStore("left"/"right", Duration.ofMinutes(5)) in Kafka's test.
const versioned = (storeName: string) => ({ storeName, versioned: { historyRetentionMs: 5 * 60_000 } });

function getTopology(p: Params, extractor: Extractor = defaultExtractor): Topology {
  const builder = new StreamsBuilder();
  const left = builder.table<string, string>(LEFT_TABLE, {
    ...str,
    ...(p.leftVersioned ? versioned('left') : {}),
  });
  const right = builder.table<string, string>(RIGHT_TABLE, {
    ...str,
    ...(p.rightVersioned ? versioned('right') : {}),
  });
  const joiner = (v1: string, v2: string | null): string => `(${v1},${String(v2)})`;
  const rejoiner = (v1: string, v2: string | null): string => `rejoin(${v1},${String(v2)})`;
  const mainMaterialized = p.materialized
    ? { storeName: 'store', valueSerde: Serdes.string() }
    : { valueSerde: Serdes.string() };
  const rejoinMaterialized = p.materialized
    ? { storeName: 'store-rejoin', valueSerde: Serdes.string() }
    : { valueSerde: Serdes.string() };
  const fkJoin = p.leftJoin
    ? left.leftJoin(right, extractor, joiner, mainMaterialized)
    : left.join(right, extractor, joiner, mainMaterialized);
  fkJoin.toStream().to(OUTPUT, str);
  // Also make sure the FK join is set up right for downstream operations that require materialization.
  if (p.rejoin) {
    const rejoined = p.leftJoin
      ? fkJoin.leftJoin(left, rejoiner, rejoinMaterialized)
      : fkJoin.join(left, rejoiner, rejoinMaterialized);
    rejoined.toStream().to(REJOIN_OUTPUT, str);
  }
  return builder.build();
}

function open(p: Params, extractor?: Extractor) {
  const driver = new TopologyTestDriver(getTopology(p, extractor));
  const store = driver.getKeyValueStore<string, string>('store');
  return {
    driver,
    left: driver.createInputTopic(LEFT_TABLE, str),
    right: driver.createInputTopic(RIGHT_TABLE, str),
    output: driver.createOutputTopic(OUTPUT, str),
    rejoinOutput: p.rejoin ? driver.createOutputTopic(REJOIN_OUTPUT, str) : null,
    /** The result store's contents, when the result is materialized (asMap in Kafka's test). */
    store: (): Map<string, string> | null => (p.materialized ? asMap(store) : null),
  };
}

function asMap(store: KeyValueStore<string, string> | null): Map<string, string> {
  if (store === null) throw new Error('the result store is not materialized');
  return new Map(store.all().map((e) => [e.key, e.value]));
}

const map = (...entries: [string, string | null][]): Map<string, string | null> => new Map(entries);

// data() and versionedData(), deduplicated as testCases() does.
const versionedParams: Params[] = [];
const params: Params[] = [];
for (const leftJoin of [true, false])
  for (const materialized of [true, false]) {
    for (const rejoin of [true, false])
      params.push({ leftJoin, materialized, rejoin, leftVersioned: false, rightVersioned: false });
    for (const leftVersioned of [true, false])
      for (const rightVersioned of [true, false])
        versionedParams.push({ leftJoin, materialized, rejoin: false, leftVersioned, rightVersioned });
  }
for (const p of versionedParams) if (p.leftVersioned || p.rightVersioned) params.push(p);
const name = (p: Params): string =>
  `${p.leftJoin ? 'left' : 'inner'} join, ${p.materialized ? '' : 'not '}materialized${p.rejoin ? ', rejoin' : ''}` +
  `${p.leftVersioned ? ', left versioned' : ''}${p.rightVersioned ? ', right versioned' : ''}`;

describe('KTableKTableForeignKeyJoinIntegrationTest', () => {
  describe.each(params.map((p) => [name(p), p] as const))('%s', (_name, p) => {
    const whenMaterialized = (
      actual: Map<string, string> | null,
      expected: Map<string, string | null>,
    ): void => {
      if (p.materialized) expect(actual).toEqual(expected);
    };

    it('doJoinFromLeftThenDeleteLeftEntity', () => {
      const t = open(p);
      // Pre-populate the RHS records. This test is all about what happens when we add/remove LHS records.
      t.right.pipeInput('rhs1', 'rhsValue1', baseTimestamp);
      t.right.pipeInput('rhs2', 'rhsValue2', baseTimestamp + 1);
      t.right.pipeInput('rhs3', 'rhsValue3', baseTimestamp + 2); // this unreferenced FK won't show up in any results
      expect(latestByKey(t.output)).toEqual(map());
      if (t.rejoinOutput) expect(latestByKey(t.rejoinOutput)).toEqual(map());
      whenMaterialized(t.store(), map());

      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp + 3);
      t.left.pipeInput('lhs2', 'lhsValue2|rhs2', baseTimestamp + 4);
      const expected = map(['lhs1', '(lhsValue1|rhs1,rhsValue1)'], ['lhs2', '(lhsValue2|rhs2,rhsValue2)']);
      expect(latestByKey(t.output)).toEqual(expected);
      if (t.rejoinOutput) {
        expect(latestByKey(t.rejoinOutput)).toEqual(
          map(
            ['lhs1', 'rejoin((lhsValue1|rhs1,rhsValue1),lhsValue1|rhs1)'],
            ['lhs2', 'rejoin((lhsValue2|rhs2,rhsValue2),lhsValue2|rhs2)'],
          ),
        );
      }
      whenMaterialized(t.store(), expected);

      // Add another reference to an existing FK.
      t.left.pipeInput('lhs3', 'lhsValue3|rhs1', baseTimestamp + 5);
      expect(latestByKey(t.output)).toEqual(map(['lhs3', '(lhsValue3|rhs1,rhsValue1)']));
      if (t.rejoinOutput) {
        expect(latestByKey(t.rejoinOutput)).toEqual(
          map(['lhs3', 'rejoin((lhsValue3|rhs1,rhsValue1),lhsValue3|rhs1)']),
        );
      }
      whenMaterialized(
        t.store(),
        map(
          ['lhs1', '(lhsValue1|rhs1,rhsValue1)'],
          ['lhs2', '(lhsValue2|rhs2,rhsValue2)'],
          ['lhs3', '(lhsValue3|rhs1,rhsValue1)'],
        ),
      );

      // Now delete one LHS entity such that one delete is propagated down to the output.
      t.left.pipeInput('lhs1', null, baseTimestamp + 6);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', null]));
      if (t.rejoinOutput) expect(latestByKey(t.rejoinOutput)).toEqual(map(['lhs1', null]));
      whenMaterialized(
        t.store(),
        map(['lhs2', '(lhsValue2|rhs2,rhsValue2)'], ['lhs3', '(lhsValue3|rhs1,rhsValue1)']),
      );
      t.driver.close();
    });

    it('doJoinFromRightThenDeleteRightEntity', () => {
      const t = open(p);
      // Pre-populate the LHS records. This test is all about what happens when we add/remove RHS records.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp);
      t.left.pipeInput('lhs2', 'lhsValue2|rhs2', baseTimestamp + 1);
      t.left.pipeInput('lhs3', 'lhsValue3|rhs1', baseTimestamp + 2);
      const halfJoined = map(
        ['lhs1', '(lhsValue1|rhs1,null)'],
        ['lhs2', '(lhsValue2|rhs2,null)'],
        ['lhs3', '(lhsValue3|rhs1,null)'],
      );
      expect(latestByKey(t.output)).toEqual(p.leftJoin ? halfJoined : map());
      whenMaterialized(t.store(), p.leftJoin ? halfJoined : map());

      t.right.pipeInput('rhs1', 'rhsValue1', baseTimestamp + 3);
      expect(latestByKey(t.output)).toEqual(
        map(['lhs1', '(lhsValue1|rhs1,rhsValue1)'], ['lhs3', '(lhsValue3|rhs1,rhsValue1)']),
      );
      whenMaterialized(
        t.store(),
        p.leftJoin
          ? map(
              ['lhs1', '(lhsValue1|rhs1,rhsValue1)'],
              ['lhs2', '(lhsValue2|rhs2,null)'],
              ['lhs3', '(lhsValue3|rhs1,rhsValue1)'],
            )
          : map(['lhs1', '(lhsValue1|rhs1,rhsValue1)'], ['lhs3', '(lhsValue3|rhs1,rhsValue1)']),
      );

      t.right.pipeInput('rhs2', 'rhsValue2', baseTimestamp + 4);
      expect(latestByKey(t.output)).toEqual(map(['lhs2', '(lhsValue2|rhs2,rhsValue2)']));
      const allJoined = map(
        ['lhs1', '(lhsValue1|rhs1,rhsValue1)'],
        ['lhs2', '(lhsValue2|rhs2,rhsValue2)'],
        ['lhs3', '(lhsValue3|rhs1,rhsValue1)'],
      );
      whenMaterialized(t.store(), allJoined);

      t.right.pipeInput('rhs3', 'rhsValue3', baseTimestamp + 5); // this unreferenced FK won't show up in any results
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), allJoined);

      // Now delete the RHS entity such that all matching keys have deletes propagated.
      t.right.pipeInput('rhs1', null, baseTimestamp + 6);
      expect(latestByKey(t.output)).toEqual(
        map(
          ['lhs1', p.leftJoin ? '(lhsValue1|rhs1,null)' : null],
          ['lhs3', p.leftJoin ? '(lhsValue3|rhs1,null)' : null],
        ),
      );
      whenMaterialized(
        t.store(),
        p.leftJoin
          ? map(
              ['lhs1', '(lhsValue1|rhs1,null)'],
              ['lhs2', '(lhsValue2|rhs2,rhsValue2)'],
              ['lhs3', '(lhsValue3|rhs1,null)'],
            )
          : map(['lhs2', '(lhsValue2|rhs2,rhsValue2)']),
      );
      t.driver.close();
    });

    it('shouldEmitTombstoneWhenDeletingNonJoiningRecords', () => {
      const t = open(p);
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp);
      const expected = p.leftJoin ? map(['lhs1', '(lhsValue1|rhs1,null)']) : map();
      expect(latestByKey(t.output)).toEqual(expected);
      whenMaterialized(t.store(), expected);

      // Deleting a non-joining record produces an unnecessary tombstone for inner joins, because it's not
      // possible to know whether a result was previously emitted. For the left join, the tombstone is necessary.
      t.left.pipeInput('lhs1', null, baseTimestamp + 1);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', null]));
      whenMaterialized(t.store(), map());

      // Deleting a non-existing record is idempotent.
      t.left.pipeInput('lhs1', null, baseTimestamp + 2);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), map());
      t.driver.close();
    });

    it('shouldNotEmitTombstonesWhenDeletingNonExistingRecords', () => {
      const t = open(p);
      // Deleting a record that never existed doesn't need to emit tombstones.
      t.left.pipeInput('lhs1', null, baseTimestamp);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), map());
      t.driver.close();
    });

    it('joinShouldProduceNullsWhenValueHasNonMatchingForeignKey', () => {
      const t = open(p);
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp);
      // No output for a new inner join on a non-existent FK; the left join emits the half-joined output.
      const first = p.leftJoin ? map(['lhs1', '(lhsValue1|rhs1,null)']) : map();
      expect(latestByKey(t.output)).toEqual(first);
      whenMaterialized(t.store(), first);

      // "Moving" the subscription to another non-existent FK gives an unnecessary tombstone for the inner join
      // (it cannot know whether the prior FK existed); the left join emits a necessary update.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs2', baseTimestamp + 1);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', p.leftJoin ? '(lhsValue1|rhs2,null)' : null]));
      whenMaterialized(t.store(), p.leftJoin ? map(['lhs1', '(lhsValue1|rhs2,null)']) : map());

      // Moving it again to yet another non-existent FK has the same effect.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs3', baseTimestamp + 2);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', p.leftJoin ? '(lhsValue1|rhs3,null)' : null]));
      whenMaterialized(t.store(), p.leftJoin ? map(['lhs1', '(lhsValue1|rhs3,null)']) : map());

      // This RHS key was referenced before but is not now, so adding it changes nothing.
      t.right.pipeInput('rhs1', 'rhsValue1', baseTimestamp + 3);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), p.leftJoin ? map(['lhs1', '(lhsValue1|rhs3,null)']) : map());

      // Now we change to a FK that exists, and the join completes.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp + 4);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));
      whenMaterialized(t.store(), map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));

      // Updating it again to a non-existent one gives a tombstone for the inner join; the left join updates.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs2', baseTimestamp + 5);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', p.leftJoin ? '(lhsValue1|rhs2,null)' : null]));
      whenMaterialized(t.store(), p.leftJoin ? map(['lhs1', '(lhsValue1|rhs2,null)']) : map());
      t.driver.close();
    });

    it('shouldUnsubscribeOldForeignKeyIfLeftSideIsUpdated', () => {
      const t = open(p);
      t.right.pipeInput('rhs1', 'rhsValue1', baseTimestamp);
      t.right.pipeInput('rhs2', 'rhsValue2', baseTimestamp + 1);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), map());

      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp + 2);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));
      whenMaterialized(t.store(), map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));

      // Change the LHS foreign-key reference.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs2', baseTimestamp + 3);
      expect(latestByKey(t.output)).toEqual(map(['lhs1', '(lhsValue1|rhs2,rhsValue2)']));
      whenMaterialized(t.store(), map(['lhs1', '(lhsValue1|rhs2,rhsValue2)']));

      // An RHS update on the old foreign key reaches nobody.
      t.right.pipeInput('rhs1', 'rhsValue1Delta', baseTimestamp + 4);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(t.store(), map(['lhs1', '(lhsValue1|rhs2,rhsValue2)']));
      t.driver.close();
    });
  });

  // These two run left joins only (testCasesWithoutLeftJoinArg).
  describe.each(params.filter((p) => p.leftJoin).map((p) => [name(p), p] as const))('%s', (_name, p) => {
    it('shouldEmitRecordOnNullForeignKeyForLeftJoins', () => {
      const t = open(p, () => null);
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp);
      const expected = map(['lhs1', '(lhsValue1|rhs1,null)']);
      expect(latestByKey(t.output)).toEqual(expected);
      if (p.materialized) expect(t.store()).toEqual(expected);
      t.driver.close();
    });

    it('shouldEmitRecordWhenOldAndNewFkDiffer', () => {
      const extractor: Extractor = (value) => {
        const split = value.split('|')[1] as string;
        return split === 'returnNull' ? null : split;
      };
      const t = open(p, extractor);
      const subscriptionStoreName = [...t.driver.getAllStateStores().keys()].find((n) =>
        n.includes('SUBSCRIPTION-STATE-STORE'),
      );
      if (subscriptionStoreName === undefined) throw new Error("couldn't find store");
      const subscriptionStore = t.driver.getKeyValueStore<Uint8Array, unknown>(subscriptionStoreName);
      const key = subscriptionStoreKey('lhs1', 'rhs1');

      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp);
      let expected = map(['lhs1', '(lhsValue1|rhs1,null)']);
      expect(latestByKey(t.output)).toEqual(expected);
      if (p.materialized) expect(t.store()).toEqual(expected);
      expect(subscriptionStore?.get(key)).not.toBeNull();

      t.left.pipeInput('lhs1', 'lhsValue1|returnNull', baseTimestamp);
      expected = map(['lhs1', '(lhsValue1|returnNull,null)']);
      expect(latestByKey(t.output)).toEqual(expected);
      if (p.materialized) expect(t.store()).toEqual(expected);
      expect(subscriptionStore?.get(key)).toBeNull();
      t.driver.close();
    });
  });

  describe.each(versionedParams.map((p) => [name(p), p] as const))('%s', (_name, p) => {
    it('shouldIgnoreOutOfOrderRecordsIffVersioned', () => {
      const t = open(p);
      const whenMaterialized = (expected: Map<string, string | null>): void => {
        if (p.materialized) expect(t.store()).toEqual(expected);
      };
      // RHS record.
      t.right.pipeInput('rhs1', 'rhsValue1', baseTimestamp + 4);
      expect(latestByKey(t.output)).toEqual(map());
      whenMaterialized(map());

      // LHS records with a match to the existing RHS record.
      t.left.pipeInput('lhs1', 'lhsValue1|rhs1', baseTimestamp + 3);
      t.left.pipeInput('lhs2', 'lhsValue2|rhs1', baseTimestamp + 5);
      let expected = map(['lhs1', '(lhsValue1|rhs1,rhsValue1)'], ['lhs2', '(lhsValue2|rhs1,rhsValue1)']);
      expect(latestByKey(t.output)).toEqual(expected);
      whenMaterialized(expected);

      // Replace with a tombstone, to validate behavior when the latest record is null.
      t.left.pipeInput('lhs2', null, baseTimestamp + 6);
      expect(latestByKey(t.output)).toEqual(map(['lhs2', null]));
      whenMaterialized(map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));

      // An out-of-order LHS record (for an existing key) gives no new result iff the LHS is versioned.
      t.left.pipeInput('lhs1', 'lhsValue1_ooo|rhs1', baseTimestamp + 2);
      t.left.pipeInput('lhs2', 'lhsValue2_ooo|rhs1', baseTimestamp + 2);
      if (p.leftVersioned) {
        expect(latestByKey(t.output)).toEqual(map());
        whenMaterialized(map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));
      } else {
        expected = map(
          ['lhs1', '(lhsValue1_ooo|rhs1,rhsValue1)'],
          ['lhs2', '(lhsValue2_ooo|rhs1,rhsValue1)'],
        );
        expect(latestByKey(t.output)).toEqual(expected);
        whenMaterialized(expected);
      }

      // An out-of-order LHS tombstone (for an existing key) is similarly ignored (iff the LHS is versioned).
      t.left.pipeInput('lhs1', null, baseTimestamp + 2);
      if (p.leftVersioned) {
        expect(latestByKey(t.output)).toEqual(map());
        whenMaterialized(map(['lhs1', '(lhsValue1|rhs1,rhsValue1)']));
      } else {
        expect(latestByKey(t.output)).toEqual(map(['lhs1', null]));
        whenMaterialized(map(['lhs2', '(lhsValue2_ooo|rhs1,rhsValue1)']));
      }

      // An LHS record with a larger timestamp always gives a new result.
      t.left.pipeInput('lhs1', 'lhsValue1_new|rhs1', baseTimestamp + 8);
      t.left.pipeInput('lhs2', 'lhsValue2_new|rhs1', baseTimestamp + 8);
      expected = map(['lhs1', '(lhsValue1_new|rhs1,rhsValue1)'], ['lhs2', '(lhsValue2_new|rhs1,rhsValue1)']);
      expect(latestByKey(t.output)).toEqual(expected);
      whenMaterialized(expected);

      // An out-of-order RHS record (for an existing key) gives no new result iff the RHS is versioned.
      t.right.pipeInput('rhs1', 'rhsValue1_ooo', baseTimestamp + 1);
      if (p.rightVersioned) {
        expect(latestByKey(t.output)).toEqual(map());
        whenMaterialized(expected);
      } else {
        const ooo = map(
          ['lhs1', '(lhsValue1_new|rhs1,rhsValue1_ooo)'],
          ['lhs2', '(lhsValue2_new|rhs1,rhsValue1_ooo)'],
        );
        expect(latestByKey(t.output)).toEqual(ooo);
        whenMaterialized(ooo);
      }

      // An out-of-order RHS tombstone (for an existing key) is similarly ignored (iff the RHS is versioned).
      t.right.pipeInput('rhs1', null, baseTimestamp + 1);
      if (p.rightVersioned) {
        expect(latestByKey(t.output)).toEqual(map());
        whenMaterialized(expected);
      } else if (p.leftJoin) {
        const halves = map(['lhs1', '(lhsValue1_new|rhs1,null)'], ['lhs2', '(lhsValue2_new|rhs1,null)']);
        expect(latestByKey(t.output)).toEqual(halves);
        whenMaterialized(halves);
      } else {
        expect(latestByKey(t.output)).toEqual(map(['lhs1', null], ['lhs2', null]));
        whenMaterialized(map());
      }

      // An RHS record with a larger timestamp always gives new results.
      t.right.pipeInput('rhs1', 'rhsValue1_new', baseTimestamp + 6);
      const fresh = map(
        ['lhs1', '(lhsValue1_new|rhs1,rhsValue1_new)'],
        ['lhs2', '(lhsValue2_new|rhs1,rhsValue1_new)'],
      );
      expect(latestByKey(t.output)).toEqual(fresh);
      whenMaterialized(fresh);
      t.driver.close();
    });
  });
});

/** Kafka's subscriptionStoreKey: `{int length of rhs}{rhs}{lhs}`, strings as UTF-8. */
function subscriptionStoreKey(lhs: string, rhs: string): Uint8Array {
  const l = new TextEncoder().encode(lhs);
  const r = new TextEncoder().encode(rhs);
  const out = new Uint8Array(4 + r.length + l.length);
  new DataView(out.buffer).setInt32(0, r.length);
  out.set(r, 4);
  out.set(l, 4 + r.length);
  return out;
}
