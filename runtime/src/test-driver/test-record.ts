import type { Headers } from '../processor/api.js';
import type { RawRecord } from '../raw-record.js';

export interface TestRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
  /** Defaults to the input topic's current time. */
  readonly timestamp?: number;
  readonly headers?: Headers;
}

/** A record as read back from an output topic: every field present. */
export interface OutputRecord<K, V> {
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp: number;
  readonly headers: Headers;
}

/** Raw bytes as a sink produced them. */
export type CapturedRecord = RawRecord;
