// Topologies and output readers shared by the Kafka integration tests, the failover worker and the bench.

import type { ProcessorContext } from '../../runtime/src/processor/api.js';
import { Serdes } from '../../runtime/src/serdes/serdes.js';
import type { KeyValueStore } from '../../runtime/src/state/key-value-store.js';
import { Stores } from '../../runtime/src/state/stores.js';
import type { FetchedRecord, StreamsTransport } from '../../runtime/src/streams/transport.js';
import { Topology } from '../../runtime/src/topology/topology.js';
import { StreamsBuilder } from '../../runtime/src/dsl/streams-builder.js';

/**
 * Word count as the DSL's `flatMapValues → groupBy → count` builds it: split lines into words, repartition by
 * word through `<app>-words-repartition`, count in a logged store, write `(word, count)` to `output`.
 */
export function wordCountTopology(input: string, output: string): Topology {
  const topology = new Topology();
  topology.internalBuilder.addInternalTopic('words-repartition');
  const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
  return topology
    .addSource('lines', input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .addProcessor<string | null, string, string, string>(
      'split',
      () => {
        let context: ProcessorContext<string, string>;
        return {
          init: (c) => void (context = c),
          process: (record) => {
            for (const word of record.value.toLowerCase().split(/\W+/)) {
              if (word.length > 0) context.forward({ ...record, key: word, value: word });
            }
          },
        };
      },
      'lines',
    )
    .addSink('to-repartition', 'words-repartition', strings, 'split')
    .addSource('from-repartition', 'words-repartition', strings)
    .addProcessor<string, string, string, number>(
      'count',
      () => {
        let context: ProcessorContext<string, number>;
        let store: KeyValueStore<string, number>;
        return {
          init: (c) => {
            context = c;
            store = c.getStateStore<KeyValueStore<string, number>>('counts');
          },
          process: (record) => {
            const count = (store.get(record.key) ?? 0) + 1;
            store.put(record.key, count);
            context.forward({ ...record, value: count });
          },
        };
      },
      'from-repartition',
    )
    .addStateStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.string(), Serdes.long()),
      'count',
    )
    .addSink('to-output', output, { keySerde: Serdes.string(), valueSerde: Serdes.long() }, 'count');
}

/**
 * Word count in the DSL, `flatMapValues → groupBy → count`: its count store is a DSL store, so it goes
 * through the record cache (cacheMaxBytes) unlike the Processor API version above.
 */
export function dslWordCountTopology(input: string, output: string): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .flatMapValues((line) =>
      line
        .toLowerCase()
        .split(/\W+/)
        .filter((word) => word.length > 0),
    )
    .groupBy((_key, word) => word)
    .count()
    .toStream()
    .to(output, { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  return builder.build();
}

/** A stateless passthrough: bytes in, bytes out (the bench's baseline topology). */
export function passthroughTopology(input: string, output: string): Topology {
  const bytes = { keySerde: Serdes.bytes(), valueSerde: Serdes.bytes() };
  return new Topology().addSource('in', input, bytes).addSink('out', output, bytes, 'in');
}

export interface Order {
  readonly id: string;
  readonly amount: number;
}

/**
 * Orders of 100 or more, re-keyed by id, amounts formatted by a lambda. The source reads plain JSON, so bad
 * JSON fails deserialization while a well-formed order of the wrong shape (`"amount": "lots"`) makes the
 * `format-amount` lambda throw: the dead-letter test needs one of each.
 */
export function largeOrdersTopology(input: string, output: string): Topology {
  const b = new StreamsBuilder();
  b.stream<string, Order>(input, { name: 'orders', keySerde: Serdes.string(), valueSerde: Serdes.json() })
    .selectKey((_key, order) => order.id, { name: 'by-id' })
    .mapValues((order) => order.amount.toFixed(2), { name: 'format-amount' })
    .filter((_id, amount) => Number(amount) >= 100, { name: 'large' })
    .to(output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return b.build();
}

/** Every record of every partition of a topic, up to the high watermarks at the time of the call. */
export async function readTopic(transport: StreamsTransport, topic: string): Promise<FetchedRecord[]> {
  const count = (await transport.partitionCounts([topic])).get(topic);
  if (count === undefined) return [];
  const offsets = await transport.offsets(
    Array.from({ length: count }, (_, partition) => ({ topic, partition })),
  );
  const reader = transport.createReader({});
  const out: FetchedRecord[] = [];
  try {
    for (const { partition, logStartOffset, highWatermark } of offsets) {
      let offset = logStartOffset;
      while (offset < highWatermark) {
        const records = await reader.read({ topic, partition, offset }, 10_000);
        if (records.length === 0) break;
        out.push(...records);
        offset = records[records.length - 1]!.offset + 1;
      }
    }
  } finally {
    await reader.close();
  }
  return out;
}

const decoder = new TextDecoder();

/** The highest count written per word (counts only grow, so the highest is the latest). */
export function latestCounts(records: readonly FetchedRecord[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const record of records) {
    const word = decoder.decode(record.key!);
    const count = Serdes.long().deserialize(record.value!, '');
    latest.set(word, Math.max(count, latest.get(word) ?? 0));
  }
  return latest;
}

/** The last count written per word, in offset order: what a reader of the output topic ends up with. */
export function lastCounts(records: readonly FetchedRecord[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const record of records)
    last.set(decoder.decode(record.key!), Serdes.long().deserialize(record.value!, ''));
  return last;
}

/** Expected word counts of some lines, computed directly. */
export function expectedCounts(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const word of line.toLowerCase().split(/\W+/)) {
      if (word.length > 0) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

/** Deterministic pseudo-random lines over a small vocabulary (so counts grow large and collide). */
export function sampleLines(count: number, seed = 1): string[] {
  const words = [
    'kafka',
    'streams',
    'topology',
    'state',
    'store',
    'window',
    'join',
    'table',
    'record',
    'offset',
  ];
  let x = seed;
  const next = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    return x;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + (next() % 6) }, () => words[next() % words.length]).join(' '),
  );
}
