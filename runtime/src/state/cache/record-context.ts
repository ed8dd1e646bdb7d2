import type { Headers } from '../../processor/api.js';

/**
 * Where a cached write came from (Kafka's ProcessorRecordContext): a flushed entry is written to the changelog
 * and forwarded downstream as if the record that made it were being processed again.
 */
export interface CachedRecordContext {
  readonly timestamp: number;
  readonly headers: Headers;
  /** Null when the write happened in a punctuator. */
  readonly topic: string | null;
  readonly partition: number;
  readonly offset: number;
}

/** What a caching store needs from its task: the current record's context, and a way to run under another. */
export interface RecordContextAccess {
  current(): CachedRecordContext;
  runWith(context: CachedRecordContext, fn: () => void): void;
}
