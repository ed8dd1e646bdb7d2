// The npm kafka-streams peer against the test broker. On librdkafka's mock it must fail with the protocol
// reason (kafka-node's Fetch v2 gets magic-2 batches), not sit silently at zero; on a real cluster
// (KAFKA_BROKERS), which down-converts for old fetches, it must copy the records.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { startTestBroker, uniqueName, type TestBroker } from '../../test/kafka/broker.js';
import { explainPeerError, startPeer } from './kafka-streams-peer.js';
import { measureOutput } from './throughput.js';

let broker: TestBroker;
let transport: KafkaTransport;

beforeAll(async () => {
  broker = await startTestBroker();
  transport = new KafkaTransport({ brokers: broker.brokers, clientId: 'peer-test', sessionTimeoutMs: 6000 });
});

afterAll(async () => {
  await transport?.close();
  await broker?.stop();
});

describe('explainPeerError', () => {
  it('names the protocol mismatch for a magic-2 batch, with the partition', () => {
    const error = Object.assign(new Error('Not a message set. Magic byte is 2'), {
      topic: 'in',
      partition: 3,
    });
    const text = explainPeerError(error);
    expect(text).toContain('Fetch v2');
    expect(text).toContain('MessageSet v0/v1');
    expect(text).toContain('(in-3)');
  });

  it('passes other errors through with their message', () => {
    expect(explainPeerError(new Error('Broker not available'))).toBe(
      'kafka-streams client error: Broker not available',
    );
  });
});

describe('kafka-streams peer on the test broker', () => {
  it('copies the input, or reports why it cannot', { timeout: 60_000 }, async () => {
    const input = uniqueName('peer-in');
    const output = uniqueName('peer-out');
    await broker.createTopic(input, 2);
    await broker.createTopic(output, 2);
    const producer = transport.createProducer();
    await producer.connect();
    const encoder = new TextEncoder();
    await producer.send(
      Array.from({ length: 50 }, (_, i) => ({
        topic: input,
        key: encoder.encode(`k${i}`),
        value: encoder.encode(`v${i}`),
        timestamp: Date.now(),
      })),
    );
    await producer.close();

    const peer = await startPeer(broker.brokers, input, output, uniqueName('peer-group'));
    try {
      const peerFailed = new AbortController();
      peer.failed.catch((error: unknown) => peerFailed.abort(error));
      const run = measureOutput(transport, output, 2, 50, 30_000, peerFailed.signal);
      if (broker.mock) {
        await expect(run).rejects.toThrow(/Fetch v2 .* magic-2 RecordBatch/);
      } else {
        await expect(run).resolves.toMatchObject({ records: expect.any(Number) });
      }
    } finally {
      await peer.stop();
    }
  });
});
