// Measuring how fast records go through a consume → produce pipeline on a broker: the pipeline is started,
// and the output topic's high watermarks are watched. Timing starts when the first output record appears
// (so group-join delays, equal for every method but long on the mock, are left out) and stops when the
// output holds every record.

import type { KafkaTransport } from '../../runtime/src/kafka/index.js';
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

/**
 * Input throughput of an application whose output is not one record per input (a record cache folds
 * updates): the group's committed offsets are watched until they reach the input's high watermarks and then
 * those of `downstream` (its repartition topics, so the sub-topologies after them are done too). Timing
 * starts at the first commit with progress (a cached and an uncached run commit on the same interval, so
 * the first commit comes equally late for both). `records` counts the input records.
 */
export async function measureCommitted(
  transport: KafkaTransport,
  groupId: string,
  topic: string,
  partitions: number,
  downstream: readonly string[],
  timeoutMs = 300_000,
): Promise<Throughput> {
  const of = (t: string) => Array.from({ length: partitions }, (_, partition) => ({ topic: t, partition }));
  const probe = transport.createConsumer({
    groupId,
    topics: [topic],
    autoOffsetReset: 'earliest',
    maxPollRecords: 1,
    listener: { onPartitionsAssigned: async () => {}, onPartitionsRevoked: async () => {} },
  });
  const sum = (offsets: readonly { offset: number }[]) => offsets.reduce((n, o) => n + o.offset, 0);
  const end = (await transport.offsets(of(topic))).reduce((n, o) => n + o.highWatermark, 0);
  const deadline = Date.now() + timeoutMs;
  let start: { at: number; count: number } | undefined;
  const waitFor = async (t: string, target: number) => {
    for (;;) {
      const committed = sum(await probe.committed(of(t)));
      if (t === topic && start === undefined && committed > 0)
        start = { at: performance.now(), count: committed };
      if (committed >= target) return;
      if (Date.now() > deadline)
        throw new Error(`${groupId} committed ${committed} of ${target} on ${t} before the deadline`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await waitFor(topic, end);
  // The input is done, so the repartition topics' ends no longer move.
  for (const t of downstream)
    await waitFor(
      t,
      (await transport.offsets(of(t))).reduce((n, o) => n + o.highWatermark, 0),
    );
  const ms = performance.now() - start!.at;
  const records = end - start!.count;
  return { records, ms, recordsPerSec: ms > 0 ? (records * 1000) / ms : Number.NaN };
}
