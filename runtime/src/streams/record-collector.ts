import type { OutgoingRecord } from './transport.js';

/**
 * Collects the records a batch produces (sinks, repartition and changelog writes) so the runner sends them
 * with one awaited call after the batch, keeping the per-record path synchronous.
 */
export class RecordCollector {
  private buffer: OutgoingRecord[] = [];

  get size(): number {
    return this.buffer.length;
  }

  add(record: OutgoingRecord): void {
    this.buffer.push(record);
  }

  /** Hands the collected records over and starts a new buffer. */
  drain(): OutgoingRecord[] {
    const drained = this.buffer;
    this.buffer = [];
    return drained;
  }
}
