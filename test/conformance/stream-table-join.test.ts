// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamKTableJoinTest.java (non-versioned table). pushToTable uses random timestamps there; the result does not
// depend on them (a stream–table join reads the table's latest value), so fixed ones stand in.
import { beforeEach, describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TopologyTestDriver, type TestInputTopic } from '../../runtime/src/index.js';
import { kvt, nodeMetrics, type KeyValueTimestamp } from './support.js';

const consumed = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const expectedKeys = [0, 1, 2, 3];

describe('KStreamKTableJoinTest', () => {
  let driver: TopologyTestDriver;
  let stream: TestInputTopic<number, string>;
  let table: TestInputTopic<number, string>;
  let results: () => KeyValueTimestamp<number | null, string | null>[];

  beforeEach(() => {
    const builder = new StreamsBuilder();
    const s = builder.stream<number, string>('streamTopic', consumed);
    const t = builder.table<number, string>('tableTopic', consumed);
    s.join(t, (l, r) => `${l}+${r}`, { name: 'join' }).to('out', consumed);
    driver = new TopologyTestDriver(builder.build());
    stream = driver.createInputTopic('streamTopic', consumed);
    table = driver.createInputTopic('tableTopic', consumed);
    const out = driver.createOutputTopic('out', consumed);
    results = () => out.readRecordsToList().map((r) => kvt(r.key, r.value, r.timestamp));
  });

  const pushToStream = (count: number, prefix: string): void => {
    for (let i = 0; i < count; i++) stream.pipeInput(expectedKeys[i] ?? 0, `${prefix}${expectedKeys[i]}`, i);
  };
  const pushToTable = (count: number, prefix: string): void => {
    for (let i = 0; i < count; i++)
      table.pipeInput(expectedKeys[i] ?? 0, `${prefix}${expectedKeys[i]}`, 1_000 + i);
  };

  it('shouldNotJoinWithEmptyTableOnStreamUpdates', () => {
    pushToStream(2, 'X');
    expect(results()).toEqual([]);
  });

  it('shouldNotJoinOnTableUpdates', () => {
    pushToStream(2, 'X');
    expect(results()).toEqual([]);
    pushToTable(2, 'Y');
    expect(results()).toEqual([]);
    pushToStream(4, 'X');
    expect(results()).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1)]);
    pushToTable(4, 'YY');
    expect(results()).toEqual([]);
    pushToStream(4, 'X');
    expect(results()).toEqual([
      kvt(0, 'X0+YY0', 0),
      kvt(1, 'X1+YY1', 1),
      kvt(2, 'X2+YY2', 2),
      kvt(3, 'X3+YY3', 3),
    ]);
    pushToTable(4, 'YYY');
    expect(results()).toEqual([]);
  });

  it('shouldJoinOnlyIfMatchFoundOnStreamUpdates', () => {
    pushToTable(2, 'Y');
    expect(results()).toEqual([]);
    pushToStream(4, 'X');
    expect(results()).toEqual([kvt(0, 'X0+Y0', 0), kvt(1, 'X1+Y1', 1)]);
  });

  it('shouldClearTableEntryOnNullValueUpdates', () => {
    pushToTable(4, 'Y');
    pushToStream(4, 'X');
    expect(results()).toEqual([
      kvt(0, 'X0+Y0', 0),
      kvt(1, 'X1+Y1', 1),
      kvt(2, 'X2+Y2', 2),
      kvt(3, 'X3+Y3', 3),
    ]);
    for (const k of expectedKeys.slice(0, 2)) table.pipeInput(k, null, 2_000);
    expect(results()).toEqual([]);
    pushToStream(4, 'XX');
    expect(results()).toEqual([kvt(2, 'XX2+Y2', 2), kvt(3, 'XX3+Y3', 3)]);
  });

  it('shouldLogAndMeterWhenSkippingNullLeftKey / NullLeftValue', () => {
    stream.pipeInput(null, 'A', 0);
    stream.pipeInput(1, null, 0);
    expect(results()).toEqual([]);
    expect(nodeMetrics(driver, 'join').droppedRecords).toBe(2);
  });
});
