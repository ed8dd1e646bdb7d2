import type { Headers } from './processor/api.js';

// The one shape of a record's bytes in the engine. What a sink or a dead-letter handler writes, what the test
// driver captures, is a RawRecord; once written to a partition (the embedded cluster's log, a fetch from Kafka,
// the test driver's topics) it has a position too. Kafka's ConsumerRecord and ProducerRecord carry the same.

/** A record's key and value bytes, its topic, timestamp and headers. */
export interface RawRecord {
  readonly topic: string;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly timestamp: number;
  readonly headers: Headers;
}

/** A record read from a partition: a RawRecord with its partition and offset. */
export interface StoredRecord extends RawRecord {
  readonly partition: number;
  readonly offset: number;
}
