// Table–table joins over versioned tables (KIP-914): out-of-order updates of a versioned side join nothing.
// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/integration/
// TableTableJoinIntegrationTest.java (test{Inner,Left,Outer}WithVersionedStores,
// test{Inner,Left}With{Left,Right}VersionedOnly; caching disabled), with the input of
// AbstractJoinIntegrationTest.java and the result store "table-table-join-integration-test-store".
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TopologyTestDriver, type KTable } from '../../runtime/src/index.js';
import { kvt, type KeyValueTimestamp } from './support.js';

const LEFT = 'inputTopicLeft';
const RIGHT = 'inputTopicRight';
const OUTPUT = 'outputTopic';
const STORE_NAME = 'table-table-join-integration-test-store';
const serdes = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const valueJoiner = (l: string | null, r: string | null): string => `${String(l)}-${String(r)}`;

// AbstractJoinIntegrationTest#input: every record has key ANY_UNIQUE_KEY (0); some arrive out of order.
const input: [string, string | null, number][] = [
  [LEFT, null, 1],
  [RIGHT, null, 2],
  [LEFT, 'A', 3],
  [RIGHT, 'a', 4],
  [LEFT, 'B', 5],
  [RIGHT, 'b', 6],
  [LEFT, null, 7],
  [RIGHT, null, 8],
  [LEFT, 'C', 9],
  [RIGHT, 'c', 10],
  [RIGHT, null, 11],
  [LEFT, null, 12],
  [RIGHT, null, 13],
  [RIGHT, 'd', 7],
  [LEFT, 'D', 6],
  [LEFT, null, 2],
  [RIGHT, null, 3],
  [RIGHT, 'e', 14],
  [LEFT, 'E', 15],
  [LEFT, null, 10],
  [RIGHT, null, 9],
  [LEFT, 'F', 4],
  [RIGHT, 'f', 3],
];

type Step = [string | null, number] | null;
type JoinMethod = 'join' | 'leftJoin' | 'outerJoin';

function run(method: JoinMethod, leftVersioned: boolean, rightVersioned: boolean, expected: Step[]): void {
  const builder = new StreamsBuilder();
  const table = (topic: string, store: string, versioned: boolean): KTable<number, string> =>
    builder.table<number, string>(topic, {
      ...serdes,
      storeName: store,
      logging: false,
      ...(versioned ? { versioned: { historyRetentionMs: 5 * 60_000 } } : {}),
    });
  const left = table(LEFT, 'left', leftVersioned);
  const right = table(RIGHT, 'right', rightVersioned);
  const materialized = { storeName: STORE_NAME, ...serdes };
  // The three methods share a shape here; join and leftJoin are overloaded (foreign-key joins), so cast to one.
  (left[method] as typeof left.outerJoin<string, string>)
    .call(left, right, valueJoiner, materialized)
    .toStream()
    .to(OUTPUT, serdes);
  const driver = new TopologyTestDriver(builder.build());
  const topics = {
    [LEFT]: driver.createInputTopic(LEFT, serdes),
    [RIGHT]: driver.createInputTopic(RIGHT, serdes),
  };
  const out = driver.createOutputTopic(OUTPUT, serdes);
  const actual: (KeyValueTimestamp<number | null, string | null> | null)[] = [];
  let last: KeyValueTimestamp<number | null, string | null> | null = null;
  for (const [topic, value, ts] of input) {
    (topic === LEFT ? topics[LEFT] : topics[RIGHT]).pipeInput(0, value, ts);
    const records = out.readRecordsToList();
    expect(records.length).toBeLessThanOrEqual(1);
    const [record] = records;
    const step = record ? kvt(record.key, record.value, record.timestamp) : null;
    if (step) last = step;
    actual.push(step);
  }
  expect(actual).toEqual(expected.map((e) => (e === null ? null : kvt(0, e[0], e[1]))));
  // checkQueryableStore: the result store holds the last result.
  const store = driver.getKeyValueStore<number, string>(STORE_NAME);
  expect(store?.get(0) ?? null).toEqual(last?.value ?? null);
  driver.close();
}

// prettier-ignore
describe('TableTableJoinIntegrationTest (versioned)', () => {
  it('testInnerWithVersionedStores', () => {
    run('join', true, true, [
      null, null, null, ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, null, ['C-c', 10], [null, 11], null,
      null, null, null, null, null, null, ['E-e', 15], null, null, null, null,
    ]);
  });

  it('testLeftWithVersionedStores', () => {
    run('leftJoin', true, true, [
      null, null, ['A-null', 3], ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, ['C-null', 9], ['C-c', 10],
      ['C-null', 11], [null, 12], null, null, null, null, null, null, ['E-e', 15], null, null, null, null,
    ]);
  });

  it('testOuterWithVersionedStores', () => {
    run('outerJoin', true, true, [
      null, null, ['A-null', 3], ['A-a', 4], ['B-a', 5], ['B-b', 6], ['null-b', 7], [null, 8], ['C-null', 9],
      ['C-c', 10], ['C-null', 11], [null, 12], null, null, null, null, null, ['null-e', 14], ['E-e', 15], null,
      null, null, null,
    ]);
  });

  it('testInnerWithLeftVersionedOnly', () => {
    run('join', true, false, [
      null, null, null, ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, null, ['C-c', 10], [null, 11], null,
      null, null, null, null, null, null, ['E-e', 15], null, [null, 15], null, ['E-f', 15],
    ]);
  });

  it('testLeftWithLeftVersionedOnly', () => {
    run('leftJoin', true, false, [
      null, null, ['A-null', 3], ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, ['C-null', 9], ['C-c', 10],
      ['C-null', 11], [null, 12], null, null, null, null, null, null, ['E-e', 15], null, ['E-null', 15], null,
      ['E-f', 15],
    ]);
  });

  it('testInnerWithRightVersionedOnly', () => {
    run('join', false, true, [
      null, null, null, ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, null, ['C-c', 10], [null, 11], null,
      null, null, null, null, null, null, ['E-e', 15], [null, 14], null, ['F-e', 14], null,
    ]);
  });

  it('testLeftWithRightVersionedOnly', () => {
    run('leftJoin', false, true, [
      null, null, ['A-null', 3], ['A-a', 4], ['B-a', 5], ['B-b', 6], [null, 7], null, ['C-null', 9], ['C-c', 10],
      ['C-null', 11], [null, 12], null, null, ['D-null', 6], [null, 2], null, null, ['E-e', 15], [null, 14], null,
      ['F-e', 14], null,
    ]);
  });
});
