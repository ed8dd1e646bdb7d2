// Measuring how fast records go through a consume → produce pipeline on a broker: the pipeline is started,
// and the output topic's high watermarks are watched. Timing starts when the first output record appears
// (so group-join delays, equal for every method but long on the mock, are left out) and stops when the
// output holds every record.

import type { StreamsTransport } from '../../runtime/src/streams/transport.js';

export interface Throughput {
  readonly records: number;
  readonly ms: number;
  readonly recordsPerSec: number;
}

export async function outputCount(
  transport: StreamsTransport,
  topic: string,
  partitions: number,
): Promise<number> {
  const offsets = await transport.offsets(
    Array.from({ length: partitions }, (_, partition) => ({ topic, partition })),
  );
  return offsets.reduce((sum, o) => sum + o.highWatermark - o.logStartOffset, 0);
}

/**
 * Waits until `topic` holds `expected` records. `firstSeen` is when the first output was observed; the
 * count present at that moment is excluded from the rate, since its processing time was not observed.
 * Aborting `signal` (e.g. when the pipeline reports it has failed) stops the watch with the signal's reason.
 */
export async function measureOutput(
  transport: StreamsTransport,
  topic: string,
  partitions: number,
  expected: number,
  timeoutMs = 300_000,
  signal?: AbortSignal,
): Promise<Throughput> {
  const deadline = Date.now() + timeoutMs;
  let start: { at: number; count: number } | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const count = await outputCount(transport, topic, partitions);
    const now = performance.now();
    if (start === undefined && count > 0) start = { at: now, count };
    if (count >= expected && start !== undefined) {
      const records = count - start.count;
      const ms = now - start.at;
      return { records, ms, recordsPerSec: ms > 0 ? (records * 1000) / ms : Number.NaN };
    }
    if (Date.now() > deadline)
      throw new Error(`${topic} reached ${count} of ${expected} records before the deadline`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
