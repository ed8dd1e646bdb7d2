import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Serdes,
  TopologyTestDriver,
  type TestInputTopic,
  type TestOutputTopic,
  type ReadOnlyWindowStore,
} from '@topograph/runtime';
import {
  buildTopology,
  GRACE_MS,
  STATS_TOPIC,
  TRADES_TOPIC,
  WINDOW_MS,
  type TickerStats,
  type Trade,
} from './topology.js';

describe('stock-stats example', () => {
  let driver: TopologyTestDriver;
  let trades: TestInputTopic<string, Trade>;
  let stats: TestOutputTopic<string, TickerStats>;

  const trade = (ticker: string, price: number, at: number): void =>
    trades.pipeInput(ticker, { ticker, price, volume: 100 }, at);

  beforeEach(() => {
    driver = new TopologyTestDriver(buildTopology());
    trades = driver.createInputTopic(TRADES_TOPIC, {
      keySerde: Serdes.string(),
      valueSerde: Serdes.json<Trade>(),
    });
    stats = driver.createOutputTopic(STATS_TOPIC, {
      keySerde: Serdes.string(),
      valueSerde: Serdes.json<TickerStats>(),
    });
  });

  afterEach(() => driver.close());

  it('emits min, max and average per ticker once the window has closed', () => {
    trade('ACME', 10, 1_000);
    trade('INIT', 50, 2_000);
    trade('ACME', 14, 30_000);
    trade('ACME', 12, 59_999);
    expect(stats.isEmpty()).toBe(true); // the first minute is still open

    trade('ACME', 20, WINDOW_MS + GRACE_MS); // stream time reaches window end + grace: the minute closes
    expect(stats.readKeyValuesToList()).toEqual([
      {
        key: 'ACME',
        value: {
          ticker: 'ACME',
          windowStart: 0,
          windowEnd: WINDOW_MS,
          trades: 3,
          min: 10,
          max: 14,
          average: 12,
        },
      },
      {
        key: 'INIT',
        value: {
          ticker: 'INIT',
          windowStart: 0,
          windowEnd: WINDOW_MS,
          trades: 1,
          min: 50,
          max: 50,
          average: 50,
        },
      },
    ]);
  });

  it('counts out-of-order trades that arrive within the grace period', () => {
    trade('ACME', 10, 10_000);
    trade('ACME', 30, 62_000); // next minute; the first is past its end but within grace
    trade('ACME', 2, 59_000); // late, but within grace: still counted in the first minute
    trade('ACME', 40, WINDOW_MS + GRACE_MS);
    const [first] = stats.readValuesToList();
    expect(first).toMatchObject({ windowStart: 0, trades: 2, min: 2, max: 10, average: 6 });
  });

  it('drops trades later than the grace period and counts them as late', () => {
    trade('ACME', 10, 10_000);
    trade('ACME', 30, WINDOW_MS + GRACE_MS); // closes the first minute
    trade('ACME', 99, 20_000); // too late: the first minute is closed
    trade('ACME', 40, 2 * WINDOW_MS + GRACE_MS); // closes the second minute
    expect(stats.readValuesToList()).toEqual([
      expect.objectContaining({ windowStart: 0, trades: 1, max: 10 }),
      expect.objectContaining({ windowStart: WINDOW_MS, trades: 1, max: 30 }),
    ]);
    const late = driver.nodeMetrics().find((m) => m.nodeName === 'price-stats')?.lateDrops;
    expect(late).toBe(1);
  });

  it('keeps the running aggregate in a queryable window store', () => {
    trade('ACME', 10, 1_000);
    trade('ACME', 20, 2_000);
    const store =
      driver.getWindowStore<ReadOnlyWindowStore<string, { count: number; max: number }>>('price-stats-store');
    expect(store?.fetch('ACME', 0)).toMatchObject({ count: 2, max: 20 });
  });
});
