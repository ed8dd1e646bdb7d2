import type { Headers } from '../processor/api.js';

/** Where a record failed: Kafka's KIP-1034 dead-letter records carry the same distinction. */
export type ErrorStage = 'deserialization' | 'processing' | 'production';

/** Header names follow Kafka Streams' dead-letter queue (KIP-1034), plus the node and the stage. */
export const DeadLetterHeaders = {
  exception: '__streams.errors.exception',
  message: '__streams.errors.message',
  stacktrace: '__streams.errors.stacktrace',
  topic: '__streams.errors.topic',
  partition: '__streams.errors.partition',
  offset: '__streams.errors.offset',
  node: '__streams.errors.processor.node',
  stage: '__streams.errors.stage',
} as const;

export interface FailedRecordOrigin {
  readonly stage: ErrorStage;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The node whose code threw (the source node for deserialization failures). */
  readonly nodeName: string;
}

/**
 * The original record's headers plus why and where it failed. Built only when a record fails, so allocating
 * here costs the hot path nothing.
 */
export function deadLetterHeaders(original: Headers, origin: FailedRecordOrigin, error: unknown): Headers {
  const cause = rootCause(error);
  const headers: Headers = new Map(original);
  headers.set(DeadLetterHeaders.exception, cause instanceof Error ? cause.name : typeof cause);
  headers.set(DeadLetterHeaders.message, cause instanceof Error ? cause.message : String(cause));
  if (cause instanceof Error && cause.stack !== undefined) {
    headers.set(DeadLetterHeaders.stacktrace, cause.stack);
  }
  headers.set(DeadLetterHeaders.topic, origin.topic);
  headers.set(DeadLetterHeaders.partition, String(origin.partition));
  headers.set(DeadLetterHeaders.offset, String(origin.offset));
  headers.set(DeadLetterHeaders.node, origin.nodeName);
  headers.set(DeadLetterHeaders.stage, origin.stage);
  return headers;
}

/**
 * The error the user's code raised, not the runtime's wrapper around it: the wrapper's class says nothing
 * about what went wrong with the record.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (
    current instanceof Error &&
    current.name === 'StreamsProcessingError' &&
    current.cause !== undefined
  ) {
    current = current.cause;
  }
  return current;
}
