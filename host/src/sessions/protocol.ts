// Messages between the host and a session child process (Node IPC, JSON). Requests carry an id; the child
// answers each with one `reply`.
import type { ProduceRecord, StoreQuery, StoreEntry, TopicRecord, TopicSerdes } from '@topograph/api';
import type { MetricsSnapshot } from '@topograph/runtime';
import type { KafkaConnection } from '../profiles.js';

export interface SessionInit {
  /** Transpiled-from code: the generated `topology.ts` (TypeScript; the child transpiles it). */
  code: string;
  applicationId: string;
  /** Source topics with their serdes, for the producer panels and generators. */
  sources: TopicSerdes[];
  sinks: TopicSerdes[];
  /** Topics to create on the embedded cluster before starting. */
  partitions: number;
  /** Absent: run on a fresh embedded MemoryCluster. */
  kafka?: KafkaConnection;
  metricsIntervalMs: number;
  /** Kafka only: the consumer group starts over (reprocess). */
  reset: boolean;
  /** Tap peeks on from the start (a restart keeps the session's taps). */
  taps: string[];
  /** The document's name, written into its recordings. */
  documentName: string;
}

export type HostRequest =
  | { type: 'produce'; topic: string; records: ProduceRecord[] }
  | { type: 'generate'; topic: string; ratePerSec: number; samples: ProduceRecord[] }
  | { type: 'tap'; tapIds: string[] }
  | { type: 'query'; store: string; query: StoreQuery }
  | { type: 'readTopic'; topic: string; limit: number }
  | { type: 'recordingText' };

export type HostMessage =
  { type: 'init'; init: SessionInit } | ({ id: number } & HostRequest) | { type: 'stop' };

export type ReplyPayload =
  | { produced: number }
  | { entries: StoreEntry[] }
  | { records: TopicRecord[] }
  | { ok: true }
  | { text: string };

/** A processing error as the child saw it; the host pins it to a canvas node. */
export interface ChildError {
  message: string;
  stack: string | null;
  nodeName: string | null;
}

export type ChildMessage =
  /** `graph`: every processor with its parents, so metrics of multi-processor nodes can be summed. */
  | { type: 'running'; graph: Array<{ name: string; predecessors: string[] }> }
  | { type: 'state'; state: string }
  | { type: 'failed'; error: ChildError }
  | { type: 'error'; error: ChildError }
  /** The runtime's snapshot as the child's KafkaStreams emitted it (JSON over IPC keeps its shape). */
  | { type: 'metrics'; snapshot: MetricsSnapshot }
  | { type: 'tap'; tapId: string; records: Array<{ key: unknown; value: unknown; timestamp: number }> }
  | { type: 'reply'; id: number; result?: ReplyPayload; error?: string };
