// The peer: npm `kafka-streams` (nodefluent, on sinek/kafka-node) running the same passthrough topology.
// kafka-streams drops every client error unless start() is given a callback, so a peer that cannot read
// the broker would look merely slow; here the first error ends the run and says why.

import { createRequire } from 'node:module';

interface PeerStream {
  to(topic: string): PeerStream;
  // With both callbacks given, start() returns nothing useful: readiness comes through onReady.
  start(onReady: () => void, onError: (error: unknown) => void): unknown;
}

interface PeerStreams {
  getKStream(topic: string): PeerStream;
  closeAll(): Promise<void>;
}

type PeerConstructor = new (config: Record<string, unknown>) => PeerStreams;

// kafka-streams is CommonJS with loose typings; the constructor is typed here with what the bench calls.
const { KafkaStreams } = createRequire(import.meta.url)('kafka-streams') as { KafkaStreams: PeerConstructor };

export interface PeerLoop {
  /** Rejects with the first error the peer's Kafka client reports, explained where the cause is known. */
  readonly failed: Promise<never>;
  stop(): Promise<void>;
}

export class PeerClientError extends Error {
  override readonly name = 'PeerClientError';
}

/**
 * kafka-node 5 (kafka-streams' JS client) speaks Fetch up to v2 and Produce up to v2, i.e. the pre-0.11
 * MessageSet (magic 0/1). A real broker down-converts its log for such fetches; librdkafka's mock cluster
 * returns the stored magic-2 RecordBatch as is (and rejects magic-1 produce requests with error 35,
 * UNSUPPORTED_VERSION), so kafka-node can neither read nor write it.
 */
export function explainPeerError(error: unknown): string {
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const message = error instanceof Error ? error.message : String(error);
  const where = typeof fields.topic === 'string' ? ` (${fields.topic}-${String(fields.partition)})` : '';
  if (/Not a message set\. Magic byte is 2/.test(message)) {
    return (
      `kafka-node (kafka-streams' JS client) fetches with Fetch v2 and decodes only MessageSet v0/v1; the ` +
      `broker answered with a magic-2 RecordBatch, which it does not down-convert: "${message}"${where}`
    );
  }
  return `kafka-streams client error: ${message}${where}`;
}

export async function startPeer(
  brokers: string[],
  input: string,
  output: string,
  groupId: string,
): Promise<PeerLoop> {
  const streams = new KafkaStreams({
    kafkaHost: brokers.join(','),
    groupId,
    clientName: 'bench-peer',
    workerPerPartition: 1,
    options: {
      sessionTimeout: 6000,
      protocol: ['roundrobin'],
      fromOffset: 'earliest',
      fetchMaxBytes: 1024 * 1024,
      fetchMinBytes: 1,
      fetchMaxWaitMs: 100,
      heartbeatInterval: 500,
      retryMinTimeout: 250,
      autoCommit: true,
      autoCommitIntervalMs: 1000,
      requireAcks: -1,
      ackTimeoutMs: 1000,
    },
  });
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // The bench may stop the peer without ever awaiting `failed`; that must not be an unhandled rejection.
  failed.catch(() => undefined);
  const stream = streams.getKStream(input);
  stream.to(output);
  await new Promise<void>((resolve, reject) => {
    stream.start(resolve, (error) => {
      const failure = new PeerClientError(explainPeerError(error));
      reject(failure);
      fail(failure);
    });
  });
  return { failed, stop: () => streams.closeAll() };
}
