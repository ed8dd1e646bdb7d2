import { partitionForKey } from '../cluster/murmur2.js';
import type { OutgoingRecord } from '../streams/transport.js';

/**
 * Picks partitions the way Kafka's default partitioner does (murmur2 of the key bytes), computed here rather
 * than by kafkajs so that the transport knows each record's partition before sending and can map the broker's
 * per-partition base offsets back to per-record acknowledgements.
 */
export class KeyPartitioner {
  private readonly roundRobin = new Map<string, number>();

  constructor(private readonly partitionCount: (topic: string) => Promise<number>) {}

  async partitionOf(record: OutgoingRecord): Promise<number> {
    const count = await this.partitionCount(record.topic);
    if (record.partition !== undefined) {
      if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= count) {
        throw new RangeError(
          `partition ${record.partition} does not exist in ${record.topic} (${count} partitions)`,
        );
      }
      return record.partition;
    }
    if (record.key !== null) return partitionForKey(record.key, count);
    const next = this.roundRobin.get(record.topic) ?? 0;
    this.roundRobin.set(record.topic, (next + 1) % count);
    return next % count;
  }
}
