// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamGlobalKTableJoinTest.java and KStreamGlobalKTableLeftJoinTest.java (non-versioned global table).
// The key selector reads the global table's key from the stream value ("X0,FKey0"); since KAFKA-10277 (KIP-962)
// it runs for null stream keys too. MockApiProcessorSupplier becomes captureProcessed on the join node.
import { beforeEach, describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TopologyTestDriver, type TestInputTopic } from '../../runtime/src/index.js';
import { captureProcessed, kvt, type KeyValueTimestamp } from './support.js';

const streamConsumed = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const tableConsumed = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const expectedKeys = [0, 1, 2, 3];
const keyMapper = (_key: number | null, value: string): string | null => {
  const tokens = value.split(',');
  return tokens.length > 1 ? tokens[1]! : null;
};
const joiner = (value: string, tableValue: string | null): string => `${value}+${tableValue}`;

for (const kind of ['inner', 'left'] as const) {
  const suite = kind === 'inner' ? 'KStreamGlobalKTableJoinTest' : 'KStreamGlobalKTableLeftJoinTest';
  describe(suite, () => {
    let stream: TestInputTopic<number, string>;
    let table: TestInputTopic<string, string>;
    let processed: () => KeyValueTimestamp<number | null, string>[];

    beforeEach(() => {
      const builder = new StreamsBuilder();
      const s = builder.stream<number, string>('streamTopic', streamConsumed);
      const t = builder.globalTable<string, string>('globalTopic', tableConsumed);
      if (kind === 'inner') s.join(t, keyMapper, joiner, { name: 'join' });
      else s.leftJoin(t, keyMapper, joiner, { name: 'join' });
      const topology = builder.build();
      processed = captureProcessed(topology, 'join');
      const driver = new TopologyTestDriver(topology);
      // Stream timestamps auto-advance from 0 by 1 ms, the global table's do not.
      stream = driver.createInputTopic('streamTopic', {
        ...streamConsumed,
        startTimestamp: 0,
        autoAdvanceMs: 1,
      });
      table = driver.createInputTopic('globalTopic', tableConsumed);
    });

    const pushToStream = (
      count: number,
      prefix: string,
      includeForeignKey: boolean,
      includeNullKey: boolean,
    ): void => {
      for (let i = 0; i < count; i++) {
        const k = expectedKeys[i]!;
        const value = includeForeignKey ? `${prefix}${k},FKey${k}` : `${prefix}${k}`;
        stream.pipeInput(includeNullKey && i === 0 ? null : k, value);
      }
    };
    const pushToGlobalTable = (count: number, prefix: string): void => {
      for (let i = 0; i < count; i++)
        table.pipeInput(`FKey${expectedKeys[i]}`, `${prefix}${expectedKeys[i]}`);
    };
    const pushNullValueToGlobalTable = (count: number): void => {
      for (let i = 0; i < count; i++) table.pipeInput(`FKey${expectedKeys[i]}`, null);
    };

    it('shouldNotJoinWithEmptyGlobalTableOnStreamUpdates', () => {
      pushToStream(2, 'X', true, false);
      expect(processed()).toEqual(
        kind === 'inner' ? [] : [kvt(0, 'X0,FKey0+null', 0), kvt(1, 'X1,FKey1+null', 1)],
      );
    });

    it('shouldNotJoinOnGlobalTableUpdates', () => {
      pushToStream(2, 'X', true, false);
      expect(processed()).toEqual(
        kind === 'inner' ? [] : [kvt(0, 'X0,FKey0+null', 0), kvt(1, 'X1,FKey1+null', 1)],
      );
      pushToGlobalTable(2, 'Y');
      expect(processed()).toEqual([]);
      pushToStream(4, 'X', true, false);
      expect(processed()).toEqual([
        kvt(0, 'X0,FKey0+Y0', 2),
        kvt(1, 'X1,FKey1+Y1', 3),
        ...(kind === 'inner' ? [] : [kvt(2, 'X2,FKey2+null', 4), kvt(3, 'X3,FKey3+null', 5)]),
      ]);
      pushToGlobalTable(4, 'YY');
      expect(processed()).toEqual([]);
      pushToStream(4, 'X', true, false);
      expect(processed()).toEqual([
        kvt(0, 'X0,FKey0+YY0', 6),
        kvt(1, 'X1,FKey1+YY1', 7),
        kvt(2, 'X2,FKey2+YY2', 8),
        kvt(3, 'X3,FKey3+YY3', 9),
      ]);
      pushToGlobalTable(4, 'YYY');
      expect(processed()).toEqual([]);
    });

    it('shouldJoinOnlyIfMatchFoundOnStreamUpdates', () => {
      pushToGlobalTable(2, 'Y');
      expect(processed()).toEqual([]);
      pushToStream(4, 'X', true, false);
      expect(processed()).toEqual([
        kvt(0, 'X0,FKey0+Y0', 0),
        kvt(1, 'X1,FKey1+Y1', 1),
        ...(kind === 'inner' ? [] : [kvt(2, 'X2,FKey2+null', 2), kvt(3, 'X3,FKey3+null', 3)]),
      ]);
    });

    it('shouldClearGlobalTableEntryOnNullValueUpdates', () => {
      pushToGlobalTable(4, 'Y');
      pushToStream(4, 'X', true, false);
      expect(processed()).toEqual([
        kvt(0, 'X0,FKey0+Y0', 0),
        kvt(1, 'X1,FKey1+Y1', 1),
        kvt(2, 'X2,FKey2+Y2', 2),
        kvt(3, 'X3,FKey3+Y3', 3),
      ]);
      pushNullValueToGlobalTable(2);
      expect(processed()).toEqual([]);
      pushToStream(4, 'XX', true, false);
      expect(processed()).toEqual([
        ...(kind === 'inner' ? [] : [kvt(0, 'XX0,FKey0+null', 4), kvt(1, 'XX1,FKey1+null', 5)]),
        kvt(2, 'XX2,FKey2+Y2', 6),
        kvt(3, 'XX3,FKey3+Y3', 7),
      ]);
    });

    it('shouldNotJoinOnNullKeyMapperValues', () => {
      pushToGlobalTable(4, 'Y');
      pushToStream(4, 'XXX', false, false);
      expect(processed()).toEqual([]);
    });

    it('shouldJoinOnNullKeyWithNonNullKeyMapperValues', () => {
      pushToGlobalTable(kind === 'inner' ? 2 : 4, 'Y');
      pushToStream(4, 'X', true, true);
      expect(processed()).toEqual(
        kind === 'inner'
          ? [kvt(null, 'X0,FKey0+Y0', 0), kvt(1, 'X1,FKey1+Y1', 1)]
          : [
              kvt(null, 'X0,FKey0+Y0', 0),
              kvt(1, 'X1,FKey1+Y1', 1),
              kvt(2, 'X2,FKey2+Y2', 2),
              kvt(3, 'X3,FKey3+Y3', 3),
            ],
      );
    });
  });
}
