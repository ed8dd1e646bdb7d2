// EmitStrategy.onWindowClose() for session windows (KIP-825), ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/KStreamSessionWindowAggregateProcessorTest.java:
// the ON_WINDOW_CLOSE branches of shouldHaveMultipleSessionsForSameIdWhenTimestampApartBySessionGap,
// shouldHandleMultipleSessionsAndMerging, shouldRemoveMergedSessionsFromStateStore and shouldMergeSessions, with
// that test's SessionWindows.ofInactivityGapWithNoGrace(GAP_MS), initializer () -> 0, aggregator +1 and merger
// aggOne + aggTwo. Kafka's test sets the emit interval to 0, as this runtime always does.
import { describe, expect, it } from 'vitest';
import {
  EmitStrategy,
  Serdes,
  SessionWindows,
  StreamsBuilder,
  TopologyTestDriver,
  type Change,
  type SessionStore,
  type Windowed,
} from '../../runtime/src/index.js';
import { captureProcessed, kvt, windowedString } from './support.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const GAP_MS = 5 * 60 * 1000;

function sessions(windows: SessionWindows = SessionWindows.ofInactivityGapWithNoGrace(GAP_MS)) {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>('topic', strings)
    .groupByKey()
    .windowedBy(windows)
    .emitStrategy(EmitStrategy.onWindowClose())
    .aggregate(
      () => 0,
      (_k, _v, agg) => agg + 1,
      (_k, one, two) => one + two,
      { name: 'agg', storeName: 'session-store', valueSerde: Serdes.long() },
    );
  const topology = builder.build();
  const processed = captureProcessed<Windowed<string>, Change<number>>(topology, 'agg');
  const driver = new TopologyTestDriver(topology);
  const input = driver.createInputTopic('topic', strings);
  return {
    store: (): SessionStore<string, number> => {
      const store: SessionStore<string, number> | null = driver.getSessionStore('session-store');
      if (store === null) throw new Error('no session store "session-store"');
      return store;
    },
    process: (key: string, value: string, ts: number) => input.pipeInput(key, value, ts),
    results: () =>
      processed().map((r) => {
        // ON_WINDOW_CLOSE never sends an old value.
        expect(r.value.oldValue).toBeNull();
        return kvt(windowedString(r.key), r.value.newValue, r.timestamp);
      }),
  };
}

describe('KStreamSessionWindowAggregateProcessorTest (ON_WINDOW_CLOSE)', () => {
  it('shouldHaveMultipleSessionsForSameIdWhenTimestampApartBySessionGap: only closed sessions, once each', () => {
    const s = sessions();
    let now = 0;
    s.process('mel', 'first', now);
    now += GAP_MS + 1;
    s.process('mel', 'second', now);
    s.process('mel', 'second', now);
    now += GAP_MS + 1;
    s.process('mel', 'third', now);
    s.process('mel', 'third', now);
    s.process('mel', 'third', now);
    expect(s.results()).toEqual([
      kvt('[mel@0/0]', 1, 0),
      kvt(`[mel@${GAP_MS + 1}/${GAP_MS + 1}]`, 2, GAP_MS + 1),
    ]);
  });

  it('shouldHandleMultipleSessionsAndMerging: closed sessions in (end, key, start) order', () => {
    const s = sessions();
    s.process('a', '1', 0);
    s.process('b', '1', 0);
    s.process('c', '1', 0);
    s.process('d', '1', 0);
    s.process('d', '2', GAP_MS / 2);
    s.process('a', '2', GAP_MS + 1);
    s.process('b', '2', GAP_MS + 1);
    s.process('a', '3', GAP_MS + 1 + GAP_MS / 2);
    s.process('c', '3', GAP_MS + 1 + GAP_MS / 2);
    expect(s.results()).toEqual([
      kvt('[a@0/0]', 1, 0),
      kvt('[b@0/0]', 1, 0),
      kvt('[c@0/0]', 1, 0),
      kvt(`[d@0/${GAP_MS / 2}]`, 2, GAP_MS / 2),
    ]);
  });

  it('shouldRemoveMergedSessionsFromStateStore: merging still updates the store, forwarding nothing', () => {
    const s = sessions();
    s.process('a', '1', 0);
    expect(s.store().findSessions('a', 0, 0)).toEqual([
      { key: { key: 'a', window: { start: 0, end: 0 } }, value: 1 },
    ]);
    s.process('a', '2', 100);
    expect(s.store().findSessions('a', 0, 100)).toEqual([
      { key: { key: 'a', window: { start: 0, end: 100 } }, value: 2 },
    ]);
    expect(s.results()).toEqual([]);
  });

  it('shouldMergeSessions: a record bridging two sessions merges them in the store', () => {
    // Kafka's test store keeps sessions GAP_MS * 3; a DSL store keeps them gap + grace, so grace 2 * GAP_MS.
    const s = sessions(SessionWindows.ofInactivityGapAndGrace(GAP_MS, 2 * GAP_MS));
    s.process('mel', 'first', 0);
    s.process('mel', 'second', GAP_MS + 1);
    expect(s.store().findSessions('mel', 0, 0)).toHaveLength(1);
    s.process('mel', 'third', GAP_MS / 2);
    expect(s.store().findSessions('mel', 0, GAP_MS + 1)).toEqual([
      { key: { key: 'mel', window: { start: 0, end: GAP_MS + 1 } }, value: 3 },
    ]);
    // Every session is still open (close time = stream time − 3 * GAP_MS < 0): nothing forwarded.
    expect(s.results()).toEqual([]);
  });
});

// Not in Kafka's tests: cases that pin down the close time (end + gap + grace), a session merged away after it
// closed, and a jump in stream time far past many closed sessions (none may be lost to store retention).
describe('session ON_WINDOW_CLOSE edge cases', () => {
  it('emits a session exactly when stream time passes its end + gap + grace', () => {
    const s = sessions(SessionWindows.ofInactivityGapAndGrace(10, 5));
    s.process('k', 'v', 100);
    s.process('k', 'v', 105); // session [100,105]
    s.process('x', 'v', 120); // close time 105: [100,105] still open (its end is not before the close time)
    expect(s.results()).toEqual([]);
    s.process('x', 'v', 121); // close time 106
    expect(s.results()).toEqual([kvt('[k@100/105]', 2, 105)]);
    s.process('x', 'v', 200);
    // results() reads only what was forwarded since its last call.
    expect(s.results()).toEqual([kvt('[x@120/121]', 2, 121)]);
  });

  it('a jump in stream time emits every session that closed, none lost to retention', () => {
    const s = sessions(SessionWindows.ofInactivityGapWithNoGrace(3));
    for (let t = 0; t < 50; t += 5) s.process(`k${t}`, 'v', t);
    s.process('z', 'v', 1_000_000);
    const expected = [];
    for (let t = 0; t < 50; t += 5) expected.push(kvt(`[k${t}@${t}/${t}]`, 1, t));
    // Sessions come out by end time, then key.
    expect(s.results()).toEqual(expected);
  });

  it('a late record is dropped and still lets the close time emit nothing twice', () => {
    const s = sessions(SessionWindows.ofInactivityGapWithNoGrace(3));
    s.process('a', 'v', 0);
    s.process('b', 'v', 10); // close time 7: a@0/0 closes
    s.process('a', 'v', 1); // late: its session [0,1] ends before 7
    s.process('b', 'v', 10);
    expect(s.results()).toEqual([kvt('[a@0/0]', 1, 0)]);
  });
});
