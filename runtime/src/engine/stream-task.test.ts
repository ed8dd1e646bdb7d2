import { describe, expect, it } from 'vitest';
import { DeserializationHandlers, StreamsProcessingError } from '../errors/deserialization-handler.js';
import { ProcessingHandlers } from '../errors/processing-handler.js';
import type { Headers } from '../processor/api.js';
import type { StoredRecord } from '../raw-record.js';
import { Serdes } from '../serdes/serdes.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import type { Topology } from '../topology/topology.js';
import { StreamTask, type StreamTaskOptions } from './stream-task.js';

interface Sent {
  topic: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  timestamp: number;
  headers: Headers;
  partition: number | undefined;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));

/** A record as a partition hands it out. */
function raw(
  topic: string,
  partition: number,
  offset: number,
  timestamp: number,
  key: Uint8Array | null,
  value: Uint8Array | null,
  headers: Headers = new Map(),
): StoredRecord {
  return { topic, partition, offset, timestamp, key, value, headers };
}

function countTopology(): Topology {
  const b = new StreamsBuilder();
  b.stream<string, number>('in', { keySerde: Serdes.string(), valueSerde: Serdes.long() })
    .groupByKey()
    .count({ storeName: 'counts' })
    .toStream()
    .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  return b.build();
}

function task(
  topology: Topology,
  extra: Partial<StreamTaskOptions> = {},
): { task: StreamTask; sent: Sent[] } {
  const sent: Sent[] = [];
  const t = new StreamTask({
    topology,
    subtopologyId: 0,
    partition: 3,
    applicationId: 'app',
    collector: {
      send: (topic, key, value, timestamp, headers, partition) =>
        sent.push({ topic, key, value, timestamp, headers, partition }),
    },
    ...extra,
  });
  return { task: t, sent };
}

describe('StreamTask', () => {
  it("gives a sink's topic extractor the position of the record being processed", () => {
    const b = new StreamsBuilder();
    const seen: string[] = [];
    b.stream<string, string>('in', { keySerde: Serdes.string(), valueSerde: Serdes.string() }).to(
      (key, _value, ctx) => {
        seen.push(`${ctx.topic}-${ctx.partition}@${ctx.offset} t=${ctx.timestamp}`);
        return `out-${key}`;
      },
      { keySerde: Serdes.string(), valueSerde: Serdes.string() },
    );
    const { task: t, sent } = task(b.build());
    t.process(raw('in', 3, 41, 7, enc('k'), enc('v')));
    expect(seen).toEqual(['in-3@41 t=7']);
    expect(sent.map((r) => [r.topic, dec(r.value), r.timestamp])).toEqual([['out-k', 'v', 7]]);
  });

  it('processes bytes in, sends bytes out, and logs store changes to the changelog on its partition', () => {
    const { task: t, sent } = task(countTopology());
    expect(t.id).toBe('0_3');
    expect(t.changelogs).toEqual([{ storeName: 'counts', topic: 'app-counts-changelog' }]);
    t.process(raw('in', 3, 0, 100, enc('a'), Serdes.long().serialize(7, 'in')));
    expect(sent.map((s) => [s.topic, s.partition, s.timestamp])).toEqual([
      ['app-counts-changelog', 3, 100],
      ['out', undefined, 100],
    ]);
    expect(dec(sent[1]?.key ?? null)).toBe('a');
    expect(Serdes.long().deserialize(sent[1]?.value as Uint8Array, 'out')).toBe(1);
    expect(t.currentStreamTime).toBe(100);
  });

  it('restores a store from changelog records', () => {
    const first = task(countTopology());
    first.task.process(raw('in', 3, 0, 1, enc('a'), Serdes.long().serialize(1, 'in')));
    const changelog = first.sent.filter((s) => s.topic === 'app-counts-changelog');
    const second = task(countTopology());
    for (const r of changelog) second.task.restore('counts', r.key as Uint8Array, r.value);
    second.task.process(raw('in', 3, 1, 2, enc('a'), Serdes.long().serialize(1, 'in')));
    const out = second.sent.filter((s) => s.topic === 'out');
    expect(Serdes.long().deserialize(out[0]?.value as Uint8Array, 'out')).toBe(2);
  });

  it('fails on undeserializable records by default, naming the source node', () => {
    const { task: t } = task(countTopology());
    const bad = (): void => t.process(raw('in', 3, 5, 1, enc('a'), new Uint8Array(3)));
    expect(bad).toThrow(StreamsProcessingError);
    expect(bad).toThrow(/in-3@5/);
  });

  it('logAndContinue skips and counts; deadLetter forwards the raw record with error headers', () => {
    const skip = task(countTopology(), { deserializationHandler: DeserializationHandlers.logAndContinue() });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      skip.task.process(raw('in', 3, 0, 1, enc('a'), new Uint8Array(3)));
    } finally {
      console.warn = warn;
    }
    expect(skip.sent).toEqual([]);
    expect(skip.task.nodeMetrics().find((m) => m.nodeName === 'KSTREAM-SOURCE-0000000000')?.errors).toBe(1);

    const dlq = task(countTopology(), { deserializationHandler: DeserializationHandlers.deadLetter('dlq') });
    dlq.task.process(raw('in', 3, 9, 1, enc('a'), new Uint8Array([1, 2, 3])));
    expect(dlq.sent).toHaveLength(1);
    expect(dlq.sent[0]?.topic).toBe('dlq');
    expect(dlq.sent[0]?.value).toEqual(new Uint8Array([1, 2, 3]));
    expect(dlq.sent[0]?.headers.get('__streams.errors.offset')).toBe('9');
    expect(dlq.sent[0]?.headers.get('__streams.errors.stage')).toBe('deserialization');
    expect(dlq.sent[0]?.headers.get('__streams.errors.processor.node')).toBe('KSTREAM-SOURCE-0000000000');
    expect(dlq.sent[0]?.headers.get('__streams.errors.exception')).toBe('SerdeError');
    expect(() => DeserializationHandlers.deadLetter('')).toThrow();
  });

  describe('processing errors in user code', () => {
    /** in → parse-amount (throws on a value without an amount) → out; "x-" values throw a TypeError. */
    function amountsTopology(): Topology {
      const b = new StreamsBuilder();
      b.stream<string, { amount?: number }>('in', { keySerde: Serdes.string(), valueSerde: Serdes.json() })
        .mapValues(
          (order) => {
            if (typeof order.amount !== 'number')
              throw new RangeError(`no amount in ${JSON.stringify(order)}`);
            return order.amount * 2;
          },
          { name: 'parse-amount' },
        )
        .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
      return b.build();
    }
    const original: Headers = new Map([['trace', 'abc']]);

    it('fail (the default) stops with the failing node named and counts the error there', () => {
      const { task: t } = task(amountsTopology());
      const bad = (): void => t.process(raw('in', 3, 4, 1, enc('k'), enc('{"total":1}')));
      expect(bad).toThrow(StreamsProcessingError);
      expect(bad).toThrow(/parse-amount/);
      expect(t.nodeMetrics().find((m) => m.nodeName === 'parse-amount')?.errors).toBe(2);
    });

    it('logAndContinue skips the record, counts it and keeps processing the next ones', () => {
      const { task: t, sent } = task(amountsTopology(), {
        processingHandler: ProcessingHandlers.logAndContinue(),
      });
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (message: string) => void warnings.push(message);
      try {
        t.process(raw('in', 3, 0, 1, enc('k'), enc('{"total":1}')));
      } finally {
        console.warn = warn;
      }
      t.process(raw('in', 3, 1, 2, enc('k'), enc('{"amount":21}')));
      expect(sent.map((s) => Serdes.long().deserialize(s.value!, 'out'))).toEqual([42]);
      expect(warnings[0]).toMatch(/in-3@0.*processing failed in "parse-amount"/);
      expect(t.nodeMetrics().find((m) => m.nodeName === 'parse-amount')?.errors).toBe(1);
    });

    it('deadLetter writes the original bytes with where and why it failed, then carries on', () => {
      const { task: t, sent } = task(amountsTopology(), {
        processingHandler: ProcessingHandlers.deadLetter('amounts-dlq'),
      });
      t.process(raw('in', 3, 7, 100, enc('k'), enc('{"amount":1}')));
      t.process(raw('in', 3, 8, 101, enc('k'), enc('{"total":1}'), original));
      t.process(raw('in', 3, 9, 102, enc('k'), enc('{"amount":2}')));
      expect(sent.map((s) => s.topic)).toEqual(['out', 'amounts-dlq', 'out']);
      const dead = sent[1]!;
      expect(dec(dead.key)).toBe('k');
      expect(dec(dead.value)).toBe('{"total":1}');
      expect(dead.timestamp).toBe(101);
      expect(Object.fromEntries(dead.headers)).toMatchObject({
        trace: 'abc',
        '__streams.errors.stage': 'processing',
        '__streams.errors.processor.node': 'parse-amount',
        '__streams.errors.exception': 'RangeError',
        '__streams.errors.message': 'no amount in {"total":1}',
        '__streams.errors.topic': 'in',
        '__streams.errors.partition': '3',
        '__streams.errors.offset': '8',
      });
      expect(dead.headers.get('__streams.errors.stacktrace')).toMatch(/RangeError: no amount/);
      // The input's own headers are not touched.
      expect(original.size).toBe(1);
      expect(t.nodeMetrics().find((m) => m.nodeName === 'parse-amount')?.errors).toBe(1);
      expect(() => ProcessingHandlers.deadLetter('')).toThrow(/topic name/);
    });

    it('a record that throws after a branch already forwarded keeps that output (as Kafka Streams does)', () => {
      const b = new StreamsBuilder();
      const input = b.stream<string, string>('in', {
        keySerde: Serdes.string(),
        valueSerde: Serdes.string(),
      });
      input.to('copy', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
      input
        .mapValues(
          (v) => {
            if (v === 'bad') throw new Error('bad value');
            return v;
          },
          { name: 'check' },
        )
        .to('out', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
      const { task: t, sent } = task(b.build(), { processingHandler: ProcessingHandlers.deadLetter('dlq') });
      t.process(raw('in', 3, 0, 1, null, enc('bad')));
      expect(sent.map((s) => s.topic)).toEqual(['copy', 'dlq']);
      expect(sent[1]?.headers.get('__streams.errors.processor.node')).toBe('check');
    });
  });

  it('drops records with a negative timestamp and counts them', () => {
    const { task: t, sent } = task(countTopology());
    t.process(raw('in', 3, 0, -1, enc('a'), Serdes.long().serialize(1, 'in')));
    expect(sent).toEqual([]);
    expect(t.nodeMetrics()[0]?.droppedRecords).toBe(1);
  });

  it('rejects topics it does not read and use after close', () => {
    const { task: t } = task(countTopology());
    expect(() => t.process(raw('other', 0, 0, 0, null, null))).toThrow(/does not consume topic "other"/);
    t.close();
    expect(() => t.process(raw('in', 0, 0, 0, null, null))).toThrow(/closed/);
    expect(() => task(countTopology(), { subtopologyId: 7 })).toThrow(/no sub-topology 7/);
  });

  it('resolves repartition topics with the application id', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in')
      .selectKey((_k, v) => v)
      .groupByKey({ name: 'g' })
      .count();
    const topology = b.build();
    const upstream = task(topology);
    upstream.task.process(raw('in', 3, 0, 1, null, enc('"x"')));
    expect(upstream.sent.map((s) => s.topic)).toEqual(['app-g-repartition']);
    const downstream = task(topology, { subtopologyId: 1 });
    expect(downstream.task.sourceTopics).toEqual(['app-g-repartition']);
  });
});
