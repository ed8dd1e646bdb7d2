import { deadLetterHeaders, type ErrorStage } from '../errors/dead-letter.js';
import { StreamsProcessingError, type DeserializationHandler } from '../errors/deserialization-handler.js';
import type { ProcessingHandler } from '../errors/processing-handler.js';
import type { StoredRecord } from '../raw-record.js';
import type { RecordCollector } from './record-collector.js';

export interface RecordFailure {
  readonly stage: ErrorStage;
  /** The node that failed (the source node for deserialization). */
  readonly nodeName: string;
  /** The input record as it arrived, so a dead letter can be replayed. */
  readonly record: StoredRecord;
  readonly cause: unknown;
}

/**
 * The error policy for one record (Kafka's DeserializationExceptionHandler and, KIP-1033, its
 * ProcessingExceptionHandler): fail the task, log and skip the record, or send its input bytes to a dead-letter
 * topic with headers saying where and why it failed. Unset means fail.
 */
export function handleRecordFailure(
  configured: DeserializationHandler | ProcessingHandler | undefined,
  failure: RecordFailure,
  taskId: string,
  collector: RecordCollector,
): void {
  const handler = configured ?? { kind: 'fail' };
  const { stage, nodeName, record, cause } = failure;
  const where = `${record.topic}-${record.partition}@${record.offset}`;
  switch (handler.kind) {
    case 'fail':
      if (cause instanceof StreamsProcessingError) throw cause;
      throw new StreamsProcessingError(
        `cannot ${stage === 'deserialization' ? 'deserialize' : 'process'} record ${where}: ${String(cause)}`,
        nodeName,
        { cause },
      );
    case 'logAndContinue':
      console.warn(
        `[${taskId}] skipping record ${where} (${stage} failed in "${nodeName}"): ${String(cause)}`,
      );
      return;
    case 'deadLetter': {
      const origin = {
        stage,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        nodeName,
      };
      collector.send(
        handler.topic,
        record.key,
        record.value,
        record.timestamp,
        deadLetterHeaders(record.headers, origin, cause),
      );
      return;
    }
  }
}
