import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import { DeserializationHandlers } from '../errors/deserialization-handler.js';
import { ProcessingHandlers } from '../errors/processing-handler.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import { Topology } from '../topology/topology.js';
import { KafkaStreams } from './kafka-streams.js';
import { MemoryTransport } from './memory-transport.js';
import type { StreamsProducer } from './transport.js';
import type { StreamsConfig } from './config.js';

const decoder = new TextDecoder();

function values(cluster: MemoryCluster, topic: string): string[] {
  if (!cluster.listTopics().includes(topic)) return [];
  return cluster
    .fetch(topic, 0, cluster.logStartOffset(topic, 0), 1_000_000)
    .map((r) => decoder.decode(r.value!));
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** in → (upper-case, or throw on "boom") → out. */
function upperCaseTopology(): Topology {
  return new Topology()
    .addSource('in', 'in', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .addProcessor<string, string, string, string>(
      'upper',
      () => {
        let context: ProcessorContext<string, string>;
        return {
          init: (c) => void (context = c),
          process: (record) => {
            if (record.value === 'boom') throw new Error('boom');
            context.forward({ ...record, value: record.value.toUpperCase() });
          },
        };
      },
      'in',
    )
    .addSink('out', 'out', { keySerde: Serdes.string(), valueSerde: Serdes.string() }, 'upper');
}

const running: KafkaStreams[] = [];

function start(
  topology: Topology,
  config: Omit<StreamsConfig, 'applicationId'> & { applicationId?: string },
) {
  const app = new KafkaStreams(topology, { applicationId: 'app', pollMs: 10, ...config });
  running.push(app);
  app.on('error', () => undefined);
  return app;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function cluster(): MemoryCluster {
  const c = new MemoryCluster();
  c.createTopic('in');
  c.createTopic('out');
  return c;
}

describe('KafkaStreams processing guarantees', () => {
  it('exactly_once_v2 commits output and offsets together', async () => {
    const c = cluster();
    const app = start(upperCaseTopology(), {
      cluster: c,
      processingGuarantee: 'exactly_once_v2',
      commitIntervalMs: 10,
    });
    await app.start();
    c.produce('in', [{ value: 'a' }, { value: 'b' }]);
    await waitFor('committed output', () => values(c, 'out').length === 2);
    expect(values(c, 'out')).toEqual(['A', 'B']);
    await waitFor('committed offsets', () => c.committedOffset('app', 'in', 0) === 2);
  });

  it('exactly_once_v2 aborts the open transaction when processing fails', async () => {
    const c = cluster();
    const app = start(upperCaseTopology(), {
      cluster: c,
      processingGuarantee: 'exactly_once_v2',
      commitIntervalMs: 60_000,
    });
    await app.start();
    c.produce('in', [{ value: 'a' }, { value: 'b' }]);
    await waitFor('the first batch to be processed', () =>
      app.metrics().nodes.some((n) => n.name === 'out' && n.recordsIn === 2),
    );
    c.produce('in', [{ value: 'boom' }]);
    await waitFor('the error state', () => app.state === 'ERROR');
    // The transaction held A and B; the failure aborted it, so readers never see them.
    expect(values(c, 'out')).toEqual([]);
    expect(c.committedOffset('app', 'in', 0)).toBeUndefined();
  });

  it('at_least_once writes output before the failure, leaving offsets uncommitted', async () => {
    const c = cluster();
    const app = start(upperCaseTopology(), { cluster: c, commitIntervalMs: 60_000 });
    await app.start();
    c.produce('in', [{ value: 'a' }, { value: 'b' }]);
    await waitFor('output', () => values(c, 'out').length === 2);
    c.produce('in', [{ value: 'boom' }]);
    await waitFor('the error state', () => app.state === 'ERROR');
    expect(values(c, 'out')).toEqual(['A', 'B']);
    expect(c.committedOffset('app', 'in', 0)).toBeUndefined();
  });
});

describe('KafkaStreams punctuation and error handlers', () => {
  it('runs wall-clock punctuators while no records arrive', async () => {
    const c = cluster();
    const topology = new Topology()
      .addSource('in', 'in', { valueSerde: Serdes.string() })
      .addProcessor<string, string, string, string>(
        'ticker',
        () => {
          let ticks = 0;
          return {
            init: (context) =>
              void context.schedule(10, 'WALL_CLOCK_TIME', (timestamp) =>
                context.forward({ key: 'tick', value: String(++ticks), timestamp, headers: new Map() }),
              ),
            process: () => undefined,
          };
        },
        'in',
      )
      .addSink('out', 'out', { keySerde: Serdes.string(), valueSerde: Serdes.string() }, 'ticker');
    const app = start(topology, { cluster: c });
    await app.start();
    await waitFor('three ticks', () => values(c, 'out').length >= 3);
    expect(values(c, 'out').slice(0, 3)).toEqual(['1', '2', '3']);
  });

  it('sends undeserializable records to a dead-letter topic and keeps going', async () => {
    const c = cluster();
    const topology = new Topology()
      .addSource('in', 'in', { valueSerde: Serdes.long() })
      .addProcessor<string, number, string, string>(
        'format',
        () => {
          let context: ProcessorContext<string, string>;
          return {
            init: (ctx) => void (context = ctx),
            process: (record) => context.forward({ ...record, value: `n=${record.value}` }),
          };
        },
        'in',
      )
      .addSink('out', 'out', { valueSerde: Serdes.string() }, 'format');
    const app = start(topology, {
      cluster: c,
      deserializationExceptionHandler: DeserializationHandlers.deadLetter('in-dlq'),
    });
    await app.start();
    c.produce('in', [{ value: new Uint8Array([1, 2, 3]) }, { value: Serdes.long().serialize(7, 'in') }]);
    await waitFor('the good record', () => values(c, 'out').length === 1);
    expect(values(c, 'out')).toEqual(['n=7']);
    const [dead] = c.fetch('in-dlq', 0, 0);
    expect(dead!.value).toEqual(new Uint8Array([1, 2, 3]));
    expect(dead!.headers.get('__streams.errors.topic')).toBe('in');
    expect(app.metrics().nodes.find((n) => n.name === 'in')?.errors).toBe(1);
    expect(app.state).toBe('RUNNING');
  });

  it('sends records whose processing throws to the dead-letter topic, commits past them and keeps going', async () => {
    const c = cluster();
    const app = start(upperCaseTopology(), {
      cluster: c,
      commitIntervalMs: 10,
      processingExceptionHandler: ProcessingHandlers.deadLetter('in-dlq'),
    });
    await app.start();
    c.produce('in', [
      { key: 'k', value: 'a' },
      { key: 'k', value: 'boom' },
      { key: 'k', value: 'b' },
    ]);
    await waitFor('output around the bad record', () => values(c, 'out').length === 2);
    expect(values(c, 'out')).toEqual(['A', 'B']);
    const [dead] = c.fetch('in-dlq', 0, 0);
    expect(decoder.decode(dead!.value!)).toBe('boom');
    expect(dead!.headers.get('__streams.errors.stage')).toBe('processing');
    expect(dead!.headers.get('__streams.errors.processor.node')).toBe('upper');
    expect(dead!.headers.get('__streams.errors.message')).toBe('boom');
    expect(dead!.headers.get('__streams.errors.offset')).toBe('1');
    expect(app.metrics().nodes.find((n) => n.name === 'upper')?.errors).toBe(1);
    await waitFor('offsets committed past the bad record', () => c.committedOffset('app', 'in', 0) === 3);
    expect(app.state).toBe('RUNNING');
  });

  it('rejects a processing handler that is not one of ProcessingHandlers', () => {
    const bad = { kind: 'retry' } as unknown as ReturnType<typeof ProcessingHandlers.fail>;
    expect(() => start(upperCaseTopology(), { cluster: cluster(), processingExceptionHandler: bad })).toThrow(
      /processingExceptionHandler must be one of/,
    );
  });

  it('lets the production handler skip records the cluster refuses', async () => {
    const c = cluster();
    const transport = new MemoryTransport(c);
    // A transport whose producer refuses every batch holding a record with the value "refuse".
    const refusing = Object.assign(Object.create(transport) as MemoryTransport, {
      createProducer(): StreamsProducer {
        const inner = transport.createProducer();
        return {
          connect: () => inner.connect(),
          close: () => inner.close(),
          send: async (records) => {
            if (records.some((r) => r.value !== null && decoder.decode(r.value) === 'REFUSE')) {
              throw new Error('record too large');
            }
            return inner.send(records);
          },
        };
      },
    });
    const skipped: string[] = [];
    const app = start(upperCaseTopology(), {
      transport: refusing,
      productionExceptionHandler: (error, topic) => {
        skipped.push(`${topic}: ${String(error)}`);
        return 'continue';
      },
    });
    await app.start();
    c.produce('in', [{ value: 'refuse' }]);
    await waitFor('the handler', () => skipped.length === 1);
    c.produce('in', [{ value: 'fine' }]);
    await waitFor('later output', () => values(c, 'out').length === 1);
    expect(values(c, 'out')).toEqual(['FINE']);
    expect(skipped[0]).toMatch(/^out: Error: record too large/);
    expect(app.state).toBe('RUNNING');
  });
});
