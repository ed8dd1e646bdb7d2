import type { StreamRecord } from '../processor/api.js';
import type { StoredRecord } from '../raw-record.js';
import type { Serde } from '../serdes/serde.js';
import type { SourceNodeDef } from '../topology/nodes.js';

/**
 * Kafka's SourceNode: turns a record's bytes into the object the processors see, with the source's serdes
 * (or the task's defaults) and its timestamp extractor.
 */
export class SourceNode {
  private readonly keySerde: Serde<unknown>;
  private readonly valueSerde: Serde<unknown>;

  constructor(
    readonly def: SourceNodeDef,
    defaultKeySerde: Serde<unknown>,
    defaultValueSerde: Serde<unknown>,
  ) {
    this.keySerde = def.keySerde ?? defaultKeySerde;
    this.valueSerde = def.valueSerde ?? defaultValueSerde;
  }

  /**
   * The deserialized record, stamped by the timestamp extractor; null when that gives an invalid (negative)
   * timestamp, a record Kafka's extractors skip. Throws what a serde throws (the task's deserialization
   * handler decides); what the extractor throws fails the task, as in Kafka.
   */
  read(record: StoredRecord, streamTime: number): StreamRecord<unknown, unknown> | null {
    const key = record.key === null ? null : this.keySerde.deserialize(record.key, record.topic);
    const value = record.value === null ? null : this.valueSerde.deserialize(record.value, record.topic);
    return this.stamp(key, value, record, streamTime);
  }

  private stamp(
    key: unknown,
    value: unknown,
    record: StoredRecord,
    streamTime: number,
  ): StreamRecord<unknown, unknown> | null {
    const extractor = this.def.timestampExtractor;
    const timestamp = extractor ? extractor(key, value, record.timestamp, streamTime) : record.timestamp;
    if (!Number.isFinite(timestamp) || timestamp < 0) return null;
    return { key, value, timestamp, headers: record.headers };
  }
}
