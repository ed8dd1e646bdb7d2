// The peer: npm `kafka-streams` (nodefluent, on sinek/kafka-node) running the same passthrough topology.

import { createRequire } from 'node:module';

interface PeerStream {
  to(topic: string): PeerStream;
  start(): Promise<void>;
}

interface PeerStreams {
  getKStream(topic: string): PeerStream;
  closeAll(): Promise<void>;
}

type PeerConstructor = new (config: Record<string, unknown>) => PeerStreams;

// kafka-streams is CommonJS with loose typings; the constructor is typed here with what the bench calls.
const { KafkaStreams } = createRequire(import.meta.url)('kafka-streams') as { KafkaStreams: PeerConstructor };

export interface PeerLoop {
  stop(): Promise<void>;
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
  const stream = streams.getKStream(input);
  stream.to(output);
  await stream.start();
  return { stop: () => streams.closeAll() };
}
