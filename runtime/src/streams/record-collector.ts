import type { RecordCollector as EngineRecordCollector } from '../engine/record-collector.js';
import type { Headers } from '../processor/api.js';
import type { OutgoingRecord } from './transport.js';

/**
 * Collects what the tasks write during a batch (sinks, repartition and changelog writes, dead letters) so the
 * runner sends it with one awaited call after the batch, keeping the per-record path synchronous.
 */
export class RecordCollector implements EngineRecordCollector {
  private buffer: OutgoingRecord[] = [];

  get size(): number {
    return this.buffer.length;
  }

  send(
    topic: string,
    key: Uint8Array | null,
    value: Uint8Array | null,
    timestamp: number,
    headers: Headers,
    partition?: number,
  ): void {
    this.buffer.push({ topic, key, value, timestamp, headers, partition });
  }

  /** Hands the collected records over and starts a new buffer. */
  drain(): OutgoingRecord[] {
    const drained = this.buffer;
    this.buffer = [];
    return drained;
  }
}
