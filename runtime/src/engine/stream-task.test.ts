import { describe, expect, it } from 'vitest';
import { DeserializationHandlers, StreamsProcessingError } from '../errors/deserialization-handler.js';
import type { Headers } from '../processor/api.js';
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
  it('processes bytes in, sends bytes out, and logs store changes to the changelog on its partition', () => {
    const { task: t, sent } = task(countTopology());
    expect(t.id).toBe('0_3');
    expect(t.changelogs).toEqual([{ storeName: 'counts', topic: 'app-counts-changelog' }]);
    t.process('in', 3, 0, 100, enc('a'), Serdes.long().serialize(7, 'in'));
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
    first.task.process('in', 3, 0, 1, enc('a'), Serdes.long().serialize(1, 'in'));
    const changelog = first.sent.filter((s) => s.topic === 'app-counts-changelog');
    const second = task(countTopology());
    for (const r of changelog) second.task.restore('counts', r.key as Uint8Array, r.value);
    second.task.process('in', 3, 1, 2, enc('a'), Serdes.long().serialize(1, 'in'));
    const out = second.sent.filter((s) => s.topic === 'out');
    expect(Serdes.long().deserialize(out[0]?.value as Uint8Array, 'out')).toBe(2);
  });

  it('fails on undeserializable records by default, naming the source node', () => {
    const { task: t } = task(countTopology());
    const bad = (): void => t.process('in', 3, 5, 1, enc('a'), new Uint8Array(3));
    expect(bad).toThrow(StreamsProcessingError);
    expect(bad).toThrow(/in-3@5/);
  });

  it('logAndContinue skips and counts; deadLetter forwards the raw record with error headers', () => {
    const skip = task(countTopology(), { deserializationHandler: DeserializationHandlers.logAndContinue() });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      skip.task.process('in', 3, 0, 1, enc('a'), new Uint8Array(3));
    } finally {
      console.warn = warn;
    }
    expect(skip.sent).toEqual([]);
    expect(skip.task.nodeMetrics().find((m) => m.nodeName === 'KSTREAM-SOURCE-0000000000')?.errors).toBe(1);

    const dlq = task(countTopology(), { deserializationHandler: DeserializationHandlers.deadLetter('dlq') });
    dlq.task.process('in', 3, 9, 1, enc('a'), new Uint8Array([1, 2, 3]));
    expect(dlq.sent).toHaveLength(1);
    expect(dlq.sent[0]?.topic).toBe('dlq');
    expect(dlq.sent[0]?.value).toEqual(new Uint8Array([1, 2, 3]));
    expect(dlq.sent[0]?.headers.get('__streams.errors.offset')).toBe('9');
    expect(() => DeserializationHandlers.deadLetter('')).toThrow();
  });

  it('drops records with a negative timestamp and counts them', () => {
    const { task: t, sent } = task(countTopology());
    t.process('in', 3, 0, -1, enc('a'), Serdes.long().serialize(1, 'in'));
    expect(sent).toEqual([]);
    expect(t.nodeMetrics()[0]?.droppedRecords).toBe(1);
  });

  it('rejects topics it does not read and use after close', () => {
    const { task: t } = task(countTopology());
    expect(() => t.process('other', 0, 0, 0, null, null)).toThrow(/does not consume topic "other"/);
    t.close();
    expect(() => t.process('in', 0, 0, 0, null, null)).toThrow(/closed/);
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
    upstream.task.process('in', 3, 0, 1, null, enc('"x"'));
    expect(upstream.sent.map((s) => s.topic)).toEqual(['app-g-repartition']);
    const downstream = task(topology, { subtopologyId: 1 });
    expect(downstream.task.sourceTopics).toEqual(['app-g-repartition']);
  });
});
