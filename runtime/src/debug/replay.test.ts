import { describe, expect, it } from 'vitest';
import {
  buildTopology,
  GRACE_MS,
  STATS_TOPIC,
  TRADES_TOPIC,
  WINDOW_MS,
} from '../../../examples/stock-stats/topology.js';
import { Serdes } from '../serdes/serdes.js';
import { Replay, type ReplayInput } from './replay.js';

const str = Serdes.string();
const json = Serdes.json<{ ticker: string; price: number; volume: number }>();

function trade(ticker: string, price: number, at: number): ReplayInput {
  return {
    topic: TRADES_TOPIC,
    partition: 0,
    key: str.serialize(ticker, TRADES_TOPIC),
    value: json.serialize({ ticker, price, volume: 100 }, TRADES_TOPIC),
    timestamp: at,
  };
}

const TRADES: ReplayInput[] = [
  trade('ACME', 10, 1_000),
  trade('INIT', 50, 2_000),
  trade('ACME', 14, 30_000),
  trade('ACME', 12, 59_999),
  trade('ACME', 20, WINDOW_MS + GRACE_MS), // closes the first minute
  trade('ACME', 99, 3_000), // late: its minute closed at 65 000
  trade('INIT', 51, 70_000),
];

const snapshot = (r: Replay): string => JSON.stringify(r.state());

describe('Replay (deterministic, TopologyTestDriver engine)', () => {
  it('step N from scratch equals step N by stepping, forward and back', () => {
    const stepping = new Replay(buildTopology, TRADES);
    const byStep: string[] = [snapshot(stepping)];
    for (let n = 1; n <= TRADES.length; n++) {
      stepping.stepForward();
      expect(stepping.position).toBe(n);
      byStep.push(snapshot(stepping));
    }
    for (let n = 0; n <= TRADES.length; n++) {
      const fresh = new Replay(buildTopology, TRADES);
      fresh.jumpTo(n);
      expect(snapshot(fresh)).toBe(byStep[n]);
      fresh.close();
    }
    // Going back re-runs from the start and lands on the same state.
    for (let n = TRADES.length - 1; n >= 0; n--) {
      stepping.stepBack();
      expect(snapshot(stepping)).toBe(byStep[n]);
    }
    stepping.jumpTo(5);
    expect(snapshot(stepping)).toBe(byStep[5]);
    stepping.close();
  });

  it('goes back to a point seen before without a re-run, and explains only outputs up to the point shown', () => {
    const r = new Replay(buildTopology, TRADES);
    r.jumpTo(5);
    const at5 = snapshot(r);
    r.jumpTo(7);
    expect(r.state().outputs).toHaveLength(2);
    r.stepBack();
    r.stepBack();
    expect(r.position).toBe(5);
    expect(snapshot(r)).toBe(at5);
    expect(r.explain(1).inputIndex).toBe(4);
    r.jumpTo(4); // never shown: a re-run from the first input
    expect(r.state().outputs).toEqual([]);
    expect(() => r.explain(0)).toThrow(/no output 0: 0 outputs up to this point/);
    r.stepForward();
    expect(snapshot(r)).toBe(at5);
    r.close();
  });

  it('shows per-node counts, stream time per source partition and per stateful node', () => {
    const r = new Replay(buildTopology, TRADES);
    r.jumpTo(4);
    const s = r.state();
    expect(s.nodes.find((n) => n.name === 'price-stats')?.recordsIn).toBe(4);
    expect(s.streamTime.sources).toEqual([{ topic: TRADES_TOPIC, partition: 0, time: 59_999 }]);
    expect(s.streamTime.nodes).toContainEqual({ node: 'price-stats', time: 59_999 });
    expect(s.streamTime.nodes).toContainEqual({ node: 'final-stats', time: 59_999 });
    r.close();
  });

  it('shows windows with start, end and close time, closed ones marked, and the late record with its reason', () => {
    const r = new Replay(buildTopology, TRADES);
    r.jumpTo(4);
    let view = r.state().windows.find((w) => w.node === 'price-stats');
    expect(view).toMatchObject({
      type: 'time',
      sizeMs: WINDOW_MS,
      graceMs: GRACE_MS,
      store: 'price-stats-store',
    });
    expect(view?.windows.map((w) => [w.key, w.start, w.end, w.closeAt, w.closed])).toEqual([
      ['ACME', 0, 60_000, 65_000, false],
      ['INIT', 0, 60_000, 65_000, false],
    ]);
    expect(view?.windows[0]?.value).toEqual({ count: 3, sum: 36, min: 10, max: 14 });
    // Suppress holds both windows until stream time reaches their end + grace.
    const held = r.state().suppress.find((x) => x.node === 'final-stats');
    expect(held?.entries.map((e) => [e.key, e.emitAt])).toEqual([
      [{ key: 'ACME', window: { start: 0, end: 60_000 } }, 65_000],
      [{ key: 'INIT', window: { start: 0, end: 60_000 } }, 65_000],
    ]);

    r.stepForward(); // 65 000: the first minute closes
    view = r.state().windows.find((w) => w.node === 'price-stats');
    expect(view?.windows.map((w) => [w.key, w.start, w.closed])).toEqual([
      ['ACME', 0, true],
      ['INIT', 0, true],
      ['ACME', 60_000, false],
    ]);
    expect(r.state().suppress[0]?.entries.map((e) => e.emitAt)).toEqual([125_000]);
    expect(r.state().late).toEqual([]);

    r.stepForward(); // the late trade
    const late = r.state().late;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      input: 5,
      node: 'price-stats',
      timestamp: 3_000,
      window: { start: 0, end: 60_000 },
      streamTime: 65_000,
      closeAt: 65_000,
    });
    expect(late[0]?.reason).toBe(
      'record time 3000 ms arrived at stream time 65000 ms; its window [0 ms, 60000 ms) closed at 65000 ms (grace 5 s)',
    );
    expect(r.state().nodes.find((n) => n.name === 'price-stats')?.lateDrops).toBe(1);
    r.close();
  });

  it('jumps to a time: the last point whose stream time is at most it', () => {
    const r = new Replay(buildTopology, TRADES);
    r.jumpToTime(59_999);
    expect(r.position).toBe(4);
    r.jumpToTime(69_999); // the late trade does not move stream time back
    expect(r.position).toBe(6);
    r.jumpToTime(0);
    expect(r.position).toBe(0);
    r.close();
  });

  it('explains an output: the input that caused it and its path with the value after each node', () => {
    const r = new Replay(buildTopology, TRADES);
    r.jumpTo(TRADES.length);
    const outputs = r.state().outputs;
    expect(outputs.map((o) => [o.topic, o.key, o.input])).toEqual([
      [STATS_TOPIC, 'ACME', 4],
      [STATS_TOPIC, 'INIT', 4],
    ]);
    const why = r.explain(0);
    expect(why.inputIndex).toBe(4);
    expect(why.input?.timestamp).toBe(65_000);
    expect(why.path.map((p) => p.node)).toEqual([
      'KSTREAM-SOURCE-0000000000',
      'price-stats',
      'final-stats',
      'closed-windows',
      'to-stats',
      'KSTREAM-SINK-0000000001',
    ]);
    // The aggregation step: the record it received, the aggregate before and after.
    expect(why.path[1]?.aggregation).toEqual({
      node: 'price-stats',
      key: { key: 'ACME', window: { start: 60_000, end: 120_000 } },
      update: { ticker: 'ACME', price: 20, volume: 100 },
      previous: null,
      result: { count: 1, sum: 20, min: 20, max: 20 },
    });
    expect(why.path[4]?.valueAfter).toMatchObject({ ticker: 'ACME', trades: 3, average: 12 });
    expect(() => r.explain(9)).toThrow(/no output 9: 2 outputs/);
    r.close();
  });
});
