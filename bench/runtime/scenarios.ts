// The benchmarked topologies, each paired with the hand-written loop that computes the same output.

import { Serdes, StreamsBuilder } from '@topograph/runtime';
import * as baselines from './baselines.js';
import * as data from './data.js';
import type { Scenario } from './measure.js';

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
  };
}
