// The run session against the Kafka-protocol test broker (librdkafka's mock cluster, or KAFKA_BROKERS)
// through a saved connection profile: the same word count as on the embedded cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEvent, StatusEvent } from '@topograph/api';
import { startTestBroker, uniqueName, type TestBroker } from '../kafka/broker.js';
import { makeHost, type HostFixture } from './fixtures.js';
import { EventLog, exampleDocument } from './support.js';

let broker: TestBroker;
let fx: HostFixture;
let log: EventLog;

beforeAll(async () => {
  broker = await startTestBroker();
  fx = await makeHost({ metricsIntervalMs: 250 });
  log = new EventLog(fx.host);
});
afterAll(async () => {
  log?.unsubscribe();
  await fx?.cleanup();
  await broker?.stop();
});

describe('run sessions on Kafka through a connection profile', () => {
  it('runs word count against the test broker, counts in the store and on the output topic', async () => {
    const applicationId = uniqueName('wc');
    const doc = exampleDocument('word-count');
    doc.settings = { ...doc.settings, applicationId };
    const text = uniqueName('text');
    const counts = uniqueName('word-counts');
    doc.nodes = doc.nodes.map((n) =>
      n.id === 'text'
        ? { ...n, config: { ...n.config, topic: text } }
        : n.id === 'to-word-counts'
          ? { ...n, config: { ...n.config, topic: counts } }
          : n,
    );
    // The mock broker has no CreateTopics: the test creates what Kafka Streams would.
    for (const topic of [
      text,
      counts,
      `${applicationId}-by-word-repartition`,
      `${applicationId}-counts-store-changelog`,
    ])
      await broker.createTopic(topic, 1);

    await fx.host.call('kafka.profiles.save', {
      profile: { id: 'test-broker', name: 'Test broker', brokers: broker.brokers },
    });
    expect(await fx.host.call('topics.list', { profileId: 'test-broker' })).toEqual(
      expect.arrayContaining([{ name: text, partitions: 1 }]),
    );

    const { sessionId } = (await fx.host.call('sessions.start', {
      document: doc,
      target: { kind: 'kafka', profileId: 'test-broker' },
    })) as { sessionId: string };
    await log.next(
      (e): e is StatusEvent =>
        e.type === 'status' && e.status.sessionId === sessionId && e.status.state !== 'starting',
    );
    expect(fx.host.sessions.status(sessionId).state).toBe('running');
    await fx.host.call('sessions.produce', {
      sessionId,
      topic: text,
      records: [
        { key: 'l1', value: 'the quick brown fox' },
        { key: 'l2', value: 'jumps over the lazy dog' },
      ],
    });
    await log.next(
      (e): e is MetricsEvent =>
        e.type === 'metrics' &&
        e.sessionId === sessionId &&
        (e.nodes.find((n) => n.nodeId === 'to-word-counts')?.recordsIn ?? 0) >= 9,
    );
    const the = await fx.host.call('sessions.queryStore', {
      sessionId,
      store: 'counts-store',
      query: { kind: 'get', key: 'the' },
    });
    expect(the).toMatchObject({ entries: [{ key: 'the', value: 2 }] });
    const peeked = (await fx.host.call('topics.peek', {
      profileId: 'test-broker',
      topic: counts,
      limit: 50,
    })) as Array<{
      key: unknown;
    }>;
    expect(peeked.filter((r) => r.key === 'the')).toHaveLength(2);
    await fx.host.call('sessions.stop', { sessionId });
  }, 120_000);
});
