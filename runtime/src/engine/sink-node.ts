import type { StreamRecord } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import type { SinkNodeDef } from '../topology/nodes.js';
import type { RecordCollector } from './record-collector.js';

export interface SinkNodeOptions {
  readonly collector: RecordCollector;
  /** Resolves a topic name as written in the topology (internal topics get the application id prefix). */
  readonly resolveTopic: (topic: string) => string;
  /** Number of partitions of a topic, for custom partitioners; undefined if unknown. */
  readonly partitionsFor?: (topic: string) => number | undefined;
  readonly defaultKeySerde: Serde<unknown>;
  readonly defaultValueSerde: Serde<unknown>;
}

/**
 * Kafka's SinkNode: picks the topic (fixed or from the record), serializes with the sink's serdes (or the task's
 * defaults), lets a custom partitioner choose the partition, and hands the bytes to the RecordCollector.
 */
export class SinkNode {
  private readonly keySerde: Serde<unknown>;
  private readonly valueSerde: Serde<unknown>;

  constructor(
    readonly def: SinkNodeDef,
    private readonly options: SinkNodeOptions,
  ) {
    this.keySerde = def.keySerde ?? options.defaultKeySerde;
    this.valueSerde = def.valueSerde ?? options.defaultValueSerde;
  }

  /**
   * `sourceTopic`, `sourcePartition`, `sourceOffset`: where the record being processed came from (topic null inside a
   * punctuator), for a topic extractor; three arguments rather than an object, as this runs for every record.
   */
  send(
    record: StreamRecord<unknown, unknown>,
    sourceTopic: string | null,
    sourcePartition: number,
    sourceOffset: number,
  ): void {
    const { def, options } = this;
    const rawTopic =
      typeof def.topic === 'string'
        ? def.topic
        : def.topic(record.key, record.value, {
            topic: sourceTopic,
            partition: sourceTopic === null ? -1 : sourcePartition,
            offset: sourceTopic === null ? -1 : sourceOffset,
            timestamp: record.timestamp,
            headers: record.headers,
          });
    const topic = options.resolveTopic(rawTopic);
    const key =
      record.key === null || record.key === undefined ? null : this.keySerde.serialize(record.key, topic);
    const value =
      record.value === null || record.value === undefined
        ? null
        : this.valueSerde.serialize(record.value, topic);
    let partition: number | undefined;
    if (def.partitioner) {
      const count = options.partitionsFor?.(topic);
      if (count === undefined)
        throw new Error(`cannot use a partitioner for "${topic}": its partition count is unknown`);
      partition = def.partitioner(topic, record.key, record.value, count);
    }
    options.collector.send(topic, key, value, record.timestamp, record.headers, partition);
  }
}
