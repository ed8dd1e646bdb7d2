// The benchmark topologies written for @kafkats/flow, the closest TypeScript peer (a Kafka-Streams-like DSL), and
// run through its own in-memory TestDriver on the same serialized input as the runtime and the hand-written loops.
//
// What the peer's outputs can be compared on: keys and values, byte for byte. Its sink (`ProduceNode` →
// `sendToTopic`) sends no timestamp with the record, so the mock producer captures none, and over Kafka the
// broker would stamp the producer's wall clock, where Kafka Streams forwards the input record's timestamp.

import { performance } from 'node:perf_hooks';
import { TimeWindows, codec, type Codec } from '@kafkats/flow';
import { TestDriver } from '@kafkats/flow/testing';
import type { Event } from './data.js';
import type { OutputRecord } from './baselines.js';

/** A scenario written for the peer: how to declare it on a TestDriver, or why the peer cannot run it. */
export type PeerTopology =
  { readonly build: (driver: TestDriver) => void } | { readonly unsupported: string };

/** What the peer's outputs are compared on (see the top of this file). */
export const PEER_COMPARED_ON =
  'keys and values byte for byte; not timestamps: @kafkats/flow sends output records without one';

// The runtime's Serdes.long(): big-endian signed 64 bits. The peer has no long codec (count() stores doubles),
// so the sink gets this one and writes the same bytes Kafka's LongSerializer would.
const long: Codec<number> = {
  encode(value) {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64BE(BigInt(value));
    return bytes;
  },
  decode: (bytes) => Number(bytes.readBigInt64BE(0)),
};

export function statelessChain(): PeerTopology {
  return {
    build(driver) {
      driver
        .input('events', { key: codec.string(), value: codec.json<Event>() })
        .filter((_user, event) => event !== null && event.kind !== 'view')
        .mapValues((event) =>
          event === null ? null : { user: event.user, cents: Math.round(event.amount * 100) },
        )
        .to('purchases', { key: codec.string(), value: codec.json() });
    },
  };
}

export function wordCount(): PeerTopology {
  return {
    build(driver) {
      driver
        .input('lines', { key: codec.string(), value: codec.string() })
        .flatMapValues((line) => (line === null ? [] : line.toLowerCase().split(/\W+/)))
        .filter((_key, word) => word !== null && word.length > 0)
        // The peer re-keys in place: it has no repartition topic, so this is one task where ours has two.
        .groupBy((_key, word) => word!, { key: codec.string(), value: codec.string() })
        .count()
        .toStream()
        .to('word-counts', { key: codec.string(), value: long });
    },
  };
}

interface Stats {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export function windowedAggregation(sizeMs: number): PeerTopology {
  return {
    build(driver) {
      driver
        .input('ticks', { key: codec.string(), value: codec.json<{ price: number }>() })
        .groupByKey()
        // The peer's tumbling windows have no grace setting (it keeps windows for 24 sizes); the input is in
        // timestamp order, so no record is late and "no grace" drops nothing either.
        .windowedBy(TimeWindows.of(sizeMs))
        .aggregate<Stats>(
          () => ({ count: 0, sum: 0, min: Number.MAX_VALUE, max: -Number.MAX_VALUE }),
          (_ticker, { price }, stats) => ({
            count: stats.count + 1,
            sum: stats.sum + price,
            min: Math.min(stats.min, price),
            max: Math.max(stats.max, price),
          }),
          { value: codec.json<Stats>() },
        )
        .toStream()
        .map((windowed, stats) => [`${windowed!.key}@${windowed!.window.start}` as string, stats] as const)
        .to('ticker-stats', { key: codec.string(), value: codec.json<Stats | null>() });
    },
  };
}

export function streamStreamJoin(windowMs: number): PeerTopology {
  return {
    build(driver) {
      const strings = { key: codec.string(), value: codec.string() };
      const clicks = driver.input('clicks', strings);
      driver
        .input('views', strings)
        // `within: TimeWindows.of(d)` is the peer's ±d join window: it looks up the other side's records with
        // timestamps in [t - d, t + d], as JoinWindows.ofTimeDifferenceWithNoGrace(d) does.
        .join(clicks, (view, click) => `${view}+${click}`, { within: TimeWindows.of(windowMs) })
        .to('joined', { key: codec.string(), value: codec.string() });
    },
  };
}

/** One input record as the peer's TestDriver takes it (Buffers, bigint timestamps). */
export interface PeerInput {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer;
  readonly timestamp: bigint;
}

/** Views of the same bytes as Buffers (no copy), made before the clock starts. */
export function peerInputs(
  ordered: readonly {
    topic: string;
    record: { key: Uint8Array | null; value: Uint8Array; timestamp: number };
  }[],
): PeerInput[] {
  const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ordered.map(({ topic, record }) => ({
    topic,
    key: record.key === null ? null : buffer(record.key),
    value: buffer(record.value),
    timestamp: BigInt(record.timestamp),
  }));
}

export interface PeerTiming {
  readonly ms: number;
  /** Timestamps are NaN: the peer produces none (see the top of this file). */
  readonly output: readonly OutputRecord[];
}

/**
 * Runs `topology` on a fresh TestDriver, sending `inputs` one by one (each `send` resolves once the record and
 * everything it caused has been processed), timed from the first send to the last.
 */
export async function runPeer(
  topology: Extract<PeerTopology, { build: unknown }>,
  inputs: readonly PeerInput[],
  outputTopic: string,
  beforeTiming: () => void = () => {},
): Promise<PeerTiming> {
  const driver = new TestDriver({ applicationId: 'bench' });
  topology.build(driver);
  const context = await driver.start();
  try {
    beforeTiming();
    const start = performance.now();
    for (const input of inputs) {
      await context.send(input.topic, input.value, { key: input.key, timestamp: input.timestamp });
    }
    const ms = performance.now() - start;
    const output = context.producer
      .messagesFor(outputTopic)
      .map(({ key, value }) => ({ key, value, timestamp: Number.NaN }));
    return { ms, output };
  } finally {
    await driver.stop();
  }
}
