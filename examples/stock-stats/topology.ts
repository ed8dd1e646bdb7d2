// Stock market statistics: per-ticker minimum, maximum and average price over one-minute windows, emitted once
// per window when it closes (after a grace period for late trades).
import {
  Serdes,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type Topology,
  type Windowed,
} from '@topograph/runtime';

export const TRADES_TOPIC = 'trades';
export const STATS_TOPIC = 'stock-stats';
export const WINDOW_MS = 60_000;
export const GRACE_MS = 5_000;

/** A trade, keyed by its ticker symbol. */
export interface Trade {
  readonly ticker: string;
  readonly price: number;
  readonly volume: number;
}

/** What is kept per ticker and window while trades arrive. */
interface PriceAggregate {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** The statistics written to the output topic, one record per ticker and closed window. */
export interface TickerStats {
  readonly ticker: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly trades: number;
  readonly min: number;
  readonly max: number;
  readonly average: number;
}

const EMPTY: PriceAggregate = {
  count: 0,
  sum: 0,
  min: Number.POSITIVE_INFINITY,
  max: Number.NEGATIVE_INFINITY,
};

function addTrade(agg: PriceAggregate, trade: Trade): PriceAggregate {
  return {
    count: agg.count + 1,
    sum: agg.sum + trade.price,
    min: Math.min(agg.min, trade.price),
    max: Math.max(agg.max, trade.price),
  };
}

function toStats(window: Windowed<string>, agg: PriceAggregate): TickerStats {
  return {
    ticker: window.key,
    windowStart: window.window.start,
    windowEnd: window.window.end,
    trades: agg.count,
    min: agg.min,
    max: agg.max,
    average: agg.sum / agg.count,
  };
}

export function buildTopology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, Trade>(TRADES_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.json<Trade>() })
    .groupByKey({ name: 'by-ticker' })
    .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_MS, GRACE_MS))
    .aggregate(
      () => EMPTY,
      (_ticker, trade, agg) => addTrade(agg, trade),
      {
        name: 'price-stats',
        storeName: 'price-stats-store',
        valueSerde: Serdes.json<PriceAggregate>(),
      },
    )
    .suppress(Suppressed.untilWindowCloses().withName('final-stats'))
    .toStream({ name: 'closed-windows' })
    .map((window, agg) => ({ key: window.key, value: toStats(window, agg) }), { name: 'to-stats' })
    .to(STATS_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.json<TickerStats>() });
  return builder.build();
}
