// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/kstream/internals/
// KStreamSessionWindowAggregateProcessorTest.java — the cases run without a caching store (TopologyTestDriver has
// no cache unless configured; session-record-cache.test.ts covers the cached store), with that test's
// initializer () -> 0, aggregator +1 and merger aggOne + aggTwo.
import { describe, expect, it } from 'vitest';
import {
  Serdes,
  SessionWindows,
  StreamsBuilder,
  TopologyTestDriver,
  type SessionStore,
} from '../../runtime/src/index.js';
import { kvt, nodeMetrics, windowedString } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const GAP_MS = 5 * 60 * 1000;

function sessions(windows: SessionWindows) {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>('topic', strings)
    .groupByKey()
    .windowedBy(windows)
    .aggregate(
      () => 0,
      (_k, _v, agg) => agg + 1,
      (_k, one, two) => one + two,
      { name: 'session-agg', valueSerde: Serdes.long() },
    )
    .toStream()
    .map((k, v) => ({ key: windowedString(k), value: v }))
    .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  const driver = new TopologyTestDriver(builder.build());
  const input = driver.createInputTopic('topic', strings);
  const out = driver.createOutputTopic('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  return {
    driver,
    process: (key: string, value: string, ts: number) => input.pipeInput(key, value, ts),
    results: () => out.readRecordsToList().map((r) => kvt(r.key, r.value, r.timestamp)),
  };
}

describe('KStreamSessionWindowAggregateProcessorTest', () => {
  it('shouldImmediatelyForwardNewSessionWhenNonCachedStore', () => {
    const s = sessions(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS));
    s.process('a', '1', 0);
    s.process('b', '1', 0);
    s.process('c', '1', 0);
    expect(s.results()).toEqual([kvt('[a@0/0]', 1, 0), kvt('[b@0/0]', 1, 0), kvt('[c@0/0]', 1, 0)]);
  });

  it('shouldImmediatelyForwardRemovedSessionsWhenMerging', () => {
    const s = sessions(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS));
    s.process('a', '1', 0);
    s.process('a', '1', 5);
    expect(s.results()).toEqual([kvt('[a@0/0]', 1, 0), kvt('[a@0/0]', null, 0), kvt('[a@0/5]', 2, 5)]);
  });

  it('shouldRemoveMergedSessionsFromStateStore', () => {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('topic', strings)
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(GAP_MS))
      .count({ storeName: 'session-store' });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('topic', strings);
    const store = (): SessionStore<string, number> | null => driver.getSessionStore('session-store');
    input.pipeInput('a', '1', 0);
    expect(store()?.findSessions('a', 0, 0)).toEqual([
      { key: { key: 'a', window: { start: 0, end: 0 } }, value: 1 },
    ]);
    input.pipeInput('a', '2', 100);
    expect(store()?.findSessions('a', 0, 100)).toEqual([
      { key: { key: 'a', window: { start: 0, end: 100 } }, value: 2 },
    ]);
  });

  it('shouldLogAndMeterWhenSkippingLateRecordWithZeroGrace', () => {
    const s = sessions(SessionWindows.ofInactivityGapWithNoGrace(10));
    s.process('dummy', 'dummy', 0);
    s.process('OnTime1', '1', 0);
    s.process('dummy', 'dummy', 11); // 10 for the gap plus 1: the window [0,0] expires
    s.process('Late1', '1', 0);
    expect(nodeMetrics(s.driver, 'session-agg').lateDrops).toBe(1);
    expect(s.results().map((r) => r.key)).not.toContain('[Late1@0/0]');
  });

  it('shouldLogAndMeterWhenSkippingLateRecordWithNonzeroGrace', () => {
    const s = sessions(SessionWindows.ofInactivityGapAndGrace(10, 1));
    s.process('dummy', 'dummy', 0);
    s.process('OnTime1', '1', 0);
    s.process('dummy', 'dummy', 11); // gap + 1: late, but within grace
    s.process('OnTime2', '1', 0);
    s.process('dummy', 'dummy', 12); // gap + grace + 1: beyond grace
    s.process('Late1', '1', 0);
    expect(nodeMetrics(s.driver, 'session-agg').lateDrops).toBe(1);
    const keys = s.results().map((r) => r.key);
    expect(keys).toContain('[OnTime2@0/0]');
    expect(keys).not.toContain('[Late1@0/0]');
  });
});
