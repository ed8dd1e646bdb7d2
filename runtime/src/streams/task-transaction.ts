import { RecordCollector } from './record-collector.js';
import type { ConsumerGroupMetadata, TopicPartitionOffset, TransactionalProducer } from './transport.js';

/**
 * The exactly-once output of one task: its own collector and its own transactional producer, whose
 * transactional id is `<applicationId>-<taskId>` (Kafka Streams' original exactly-once design). Whichever
 * instance is assigned the task next opens a producer with the same id; its InitProducerId bumps the epoch,
 * which aborts this producer's open transaction and refuses everything it sends from then on. That fencing
 * needs no group metadata in the offset commit, so it holds with kafkajs, whose TxnOffsetCommit (v0) carries
 * only the group id (KIP-447's generation/member fencing cannot work there).
 */
export class TaskTransaction {
  readonly collector = new RecordCollector();
  private open = false;

  constructor(
    readonly transactionalId: string,
    private readonly producer: TransactionalProducer,
  ) {}

  /** Runs InitProducerId: fences the task's previous owner and waits for its open transaction to abort. */
  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Sends what the task wrote since the last flush into the open transaction (opening one if needed). */
  async flush(): Promise<void> {
    if (this.collector.size === 0) return;
    await this.begin();
    await this.producer.send(this.collector.drain());
  }

  /** Commits the task's output and its consumed offsets together; nothing to do when neither exists. */
  async commit(offsets: readonly TopicPartitionOffset[], group: () => ConsumerGroupMetadata): Promise<void> {
    await this.flush();
    if (!this.open && offsets.length === 0) return;
    await this.begin();
    if (offsets.length > 0) await this.producer.sendOffsets(offsets, group());
    this.open = false;
    await this.producer.commitTransaction();
  }

  /** Aborts the open transaction (if any) and disconnects; best effort, as it runs after failures too. */
  async close(): Promise<void> {
    this.collector.drain();
    try {
      if (this.open) await this.producer.abortTransaction();
    } catch {
      // A fenced producer cannot abort; its new owner already did.
    }
    this.open = false;
    await this.producer.close().catch(() => undefined);
  }

  private async begin(): Promise<void> {
    if (this.open) return;
    await this.producer.beginTransaction();
    this.open = true;
  }
}
