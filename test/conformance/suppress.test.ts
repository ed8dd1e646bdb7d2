// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// SuppressScenarioTest.java (caching disabled, as there).
import { describe, expect, it } from 'vitest';
import {
  Serdes,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  TopologyTestDriver,
  type KGroupedStream,
  type KTable,
  type Windowed,
} from '../../runtime/src/index.js';
import { kvt, windowedString, type KeyValueTimestamp } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

/** Kafka's scenario shape: count per window, written raw and through suppress(untilWindowCloses). */
function scenario(count: (grouped: KGroupedStream<string, string>) => KTable<Windowed<string>, number>) {
  const builder = new StreamsBuilder();
  const grouped = builder.stream<string, string>('input', strings).groupBy((k) => k, strings);
  const valueCounts = count(grouped);
  const toTopic = (table: KTable<Windowed<string>, number>, topic: string): void =>
    table
      .toStream()
      .map((k, v) => ({ key: windowedString(k), value: v }))
      .to(topic, { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  toTopic(valueCounts.suppress(Suppressed.untilWindowCloses()), 'output-suppressed');
  toTopic(valueCounts, 'output-raw');
  const driver = new TopologyTestDriver(builder.build());
  const input = driver.createInputTopic('input', strings);
  const drain = (topic: string): KeyValueTimestamp<string | null, number | null>[] =>
    driver
      .createOutputTopic(topic, { keySerde: Serdes.string(), valueSerde: Serdes.long() })
      .readRecordsToList()
      .map((r) => kvt(r.key, r.value, r.timestamp));
  return { pipe: (ts: number, key = 'k1') => input.pipeInput(key, 'v1', ts), drain };
}

describe('SuppressScenarioTest', () => {
  it('shouldSupportFinalResultsForTimeWindows', () => {
    const s = scenario((g) => g.windowedBy(TimeWindows.ofSizeAndGrace(2, 1)).count({ storeName: 'counts' }));
    for (const ts of [0, 1, 2, 1, 0, 5, 0]) s.pipe(ts); // the last record is beyond the grace period
    expect(s.drain('output-raw')).toEqual([
      kvt('[k1@0/2]', 1, 0),
      kvt('[k1@0/2]', 2, 1),
      kvt('[k1@2/4]', 1, 2),
      kvt('[k1@0/2]', 3, 1),
      kvt('[k1@0/2]', 4, 1),
      kvt('[k1@4/6]', 1, 5),
    ]);
    expect(s.drain('output-suppressed')).toEqual([kvt('[k1@0/2]', 4, 1), kvt('[k1@2/4]', 1, 2)]);
  });

  it('shouldSupportFinalResultsForTimeWindowsWithLargeJump', () => {
    const s = scenario((g) => g.windowedBy(TimeWindows.ofSizeAndGrace(2, 2)).count({ storeName: 'counts' }));
    for (const ts of [0, 1, 2, 0, 3, 0, 4, 0, 30]) s.pipe(ts);
    expect(s.drain('output-raw')).toEqual([
      kvt('[k1@0/2]', 1, 0),
      kvt('[k1@0/2]', 2, 1),
      kvt('[k1@2/4]', 1, 2),
      kvt('[k1@0/2]', 3, 1),
      kvt('[k1@2/4]', 2, 3),
      kvt('[k1@0/2]', 4, 1),
      kvt('[k1@4/6]', 1, 4),
      kvt('[k1@30/32]', 1, 30),
    ]);
    expect(s.drain('output-suppressed')).toEqual([
      kvt('[k1@0/2]', 4, 1),
      kvt('[k1@2/4]', 2, 3),
      kvt('[k1@4/6]', 1, 4),
    ]);
  });

  it('shouldSupportFinalResultsForSlidingWindows', () => {
    const s = scenario((g) =>
      g.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(5, 15)).count({ storeName: 'counts' }),
    );
    for (const ts of [10, 11, 10, 13, 10, 24, 5, 7, 90]) s.pipe(ts);
    // Kafka sorts the raw output by key string, then timestamp, before comparing.
    const raw = s
      .drain('output-raw')
      .sort((a, b) => (a.key === b.key ? a.timestamp - b.timestamp : String(a.key) < String(b.key) ? -1 : 1));
    expect(raw).toEqual([
      kvt('[k1@11/16]', 1, 11),
      kvt('[k1@11/16]', 2, 13),
      kvt('[k1@12/17]', 1, 13),
      kvt('[k1@19/24]', 1, 24),
      kvt('[k1@5/10]', 1, 10),
      kvt('[k1@5/10]', 2, 10),
      kvt('[k1@5/10]', 3, 10),
      kvt('[k1@5/10]', 4, 10),
      kvt('[k1@5/10]', 5, 10),
      kvt('[k1@6/11]', 2, 11),
      kvt('[k1@6/11]', 3, 11),
      kvt('[k1@6/11]', 4, 11),
      kvt('[k1@6/11]', 5, 11),
      kvt('[k1@8/13]', 4, 13),
      kvt('[k1@8/13]', 5, 13),
      kvt('[k1@85/90]', 1, 90),
    ]);
    expect(s.drain('output-suppressed')).toEqual([
      kvt('[k1@5/10]', 5, 10),
      kvt('[k1@6/11]', 5, 11),
      kvt('[k1@8/13]', 5, 13),
      kvt('[k1@11/16]', 2, 13),
      kvt('[k1@12/17]', 1, 13),
      kvt('[k1@19/24]', 1, 24),
    ]);
  });

  it('shouldSupportFinalResultsForSessionWindows', () => {
    const s = scenario((g) =>
      g.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5)).count({ storeName: 'counts' }),
    );
    s.pipe(0);
    s.pipe(5);
    s.pipe(1); // out of order, but the session is still open
    s.pipe(11, 'k2'); // any key advances stream time
    s.pipe(5); // late for the closed first session: dropped everywhere
    s.pipe(30);
    expect(s.drain('output-raw')).toEqual([
      kvt('[k1@0/0]', 1, 0),
      kvt('[k1@0/0]', null, 0),
      kvt('[k1@0/5]', 2, 5),
      kvt('[k1@0/5]', null, 5),
      kvt('[k1@0/5]', 3, 5),
      kvt('[k2@11/11]', 1, 11),
      kvt('[k1@30/30]', 1, 30),
    ]);
    expect(s.drain('output-suppressed')).toEqual([kvt('[k1@0/5]', 3, 5), kvt('[k2@11/11]', 1, 11)]);
  });
});
