// The benchmarked topologies, each paired with the hand-written loop that computes the same output.

import { JoinWindows, Serdes, StreamsBuilder, TimeWindows } from '@topograph/runtime';
import * as baselines from './baselines.js';
import * as data from './data.js';
import type { Scenario } from './measure.js';
import * as peer from './peer-kafkats.js';

export function statelessChain(count: number): Scenario {
  const input = data.events(count);
  return {
    name: 'stateless chain (filter → mapValues → to)',
    inputs: [{ topic: 'events', records: input }],
    outputTopic: 'purchases',
    build() {
      const builder = new StreamsBuilder();
      builder
        .stream<string, data.Event>('events', {
          keySerde: Serdes.string(),
          valueSerde: Serdes.json<data.Event>(),
        })
        .filter((_user, event) => event.kind !== 'view')
        .mapValues((event) => ({ user: event.user, cents: Math.round(event.amount * 100) }))
        .to('purchases', { keySerde: Serdes.string(), valueSerde: Serdes.json() });
      return builder.build();
    },
    baseline: () => baselines.statelessChain(input),
    peer: peer.statelessChain(),
  };
}

export function wordCount(count: number): Scenario {
  const input = data.lines(count);
  return {
    name: 'word count (flatMapValues → groupBy → count)',
    inputs: [{ topic: 'lines', records: input }],
    outputTopic: 'word-counts',
    build() {
      const builder = new StreamsBuilder();
      builder
        .stream<string | null, string>('lines', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
        .flatMapValues((line) => line.toLowerCase().split(/\W+/))
        .filter((_key, word) => word.length > 0)
        .groupBy((_key, word) => word, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
        .count()
        .toStream()
        .to('word-counts', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
      return builder.build();
    },
    baseline: () => baselines.wordCount(input),
    peer: peer.wordCount(),
  };
}

interface Stats {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export function windowedAggregation(count: number, sizeMs = 1000): Scenario {
  const input = data.ticks(count);
  return {
    name: `windowed aggregation (tumbling ${sizeMs} ms, min/max/sum)`,
    inputs: [{ topic: 'ticks', records: input }],
    outputTopic: 'ticker-stats',
    build() {
      const builder = new StreamsBuilder();
      builder
        .stream<string, { price: number }>('ticks', { keySerde: Serdes.string(), valueSerde: Serdes.json() })
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(sizeMs))
        .aggregate<Stats>(
          () => ({ count: 0, sum: 0, min: Number.MAX_VALUE, max: -Number.MAX_VALUE }),
          (_ticker, { price }, stats) => ({
            count: stats.count + 1,
            sum: stats.sum + price,
            min: Math.min(stats.min, price),
            max: Math.max(stats.max, price),
          }),
          { valueSerde: Serdes.json<Stats>() },
        )
        .toStream()
        .map((windowed, stats) => ({ key: `${windowed.key}@${windowed.window.start}`, value: stats }))
        .to('ticker-stats', { keySerde: Serdes.string(), valueSerde: Serdes.json<Stats>() });
      return builder.build();
    },
    baseline: () => baselines.windowedAggregation(input, sizeMs),
    peer: peer.windowedAggregation(sizeMs),
  };
}

export function streamStreamJoin(count: number, windowMs = 100): Scenario {
  const { left, right } = data.joinSides(count);
  return {
    name: `stream–stream join (inner, ±${windowMs} ms)`,
    inputs: [
      { topic: 'views', records: left },
      { topic: 'clicks', records: right },
    ],
    outputTopic: 'joined',
    build() {
      const builder = new StreamsBuilder();
      const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
      const clicks = builder.stream<string, string>('clicks', strings);
      builder
        .stream<string, string>('views', strings)
        .join(
          clicks,
          (view, click) => `${view}+${click}`,
          JoinWindows.ofTimeDifferenceWithNoGrace(windowMs),
          {
            keySerde: Serdes.string(),
            valueSerde: Serdes.string(),
            otherValueSerde: Serdes.string(),
          },
        )
        .to('joined', strings);
      return builder.build();
    },
    baseline: () => baselines.streamStreamJoin(left, right, windowMs),
    peer: peer.streamStreamJoin(windowMs),
  };
}
