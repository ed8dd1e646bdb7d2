import { GlobalTask } from '../engine/global-task.js';
import type { Topology } from '../topology/topology.js';
import type { PartitionReader, StreamsTransport } from './transport.js';

const BATCH = 10_000;

/**
 * Keeps the global stores (GlobalKTable) current, as Kafka's global stream thread: reads every partition of
 * each global topic from its start, outside the consumer group, first up to the high watermark before the
 * tasks start, then whatever is new on every loop iteration.
 */
export class GlobalState {
  readonly task: GlobalTask;
  private readonly positions: { topic: string; partition: number; next: number }[] = [];
  private reader: PartitionReader | undefined;

  constructor(
    topology: Topology,
    applicationId: string,
    private readonly transport: StreamsTransport,
    clock: () => number,
  ) {
    this.task = new GlobalTask(topology, applicationId, clock);
  }

  get empty(): boolean {
    return this.task.topics.length === 0;
  }

  async start(partitionCounts: ReadonlyMap<string, number>, clientId: string): Promise<void> {
    if (this.empty) return;
    this.reader = this.transport.createReader({ clientId: `${clientId}-global` });
    for (const topic of this.task.topics) {
      const count = partitionCounts.get(topic) ?? 0;
      for (let partition = 0; partition < count; partition++)
        this.positions.push({ topic, partition, next: -1 });
    }
    const offsets = await this.transport.offsets(this.positions);
    offsets.forEach((o, i) => (this.positions[i]!.next = o.logStartOffset));
    await this.catchUp();
  }

  /** Applies everything written to the global topics since the last call. */
  async catchUp(): Promise<void> {
    if (this.reader === undefined) return;
    const offsets = await this.transport.offsets(this.positions);
    for (let i = 0; i < this.positions.length; i++) {
      const position = this.positions[i]!;
      const highWatermark = offsets[i]!.highWatermark;
      while (position.next < highWatermark) {
        const records = await this.reader.read({ ...position, offset: position.next }, BATCH);
        if (records.length === 0) break;
        for (const r of records) this.task.process(r);
        position.next = records[records.length - 1]!.offset + 1;
      }
    }
  }

  async close(): Promise<void> {
    this.task.close();
    await this.reader?.close();
  }
}
