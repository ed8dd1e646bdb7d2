// Failover time with the transport's default group timeouts: two worker processes (test/kafka/workers.ts,
// passthrough topology, so output partition N carries input partition N) share four partitions while a feeder
// writes to every partition every 50 ms; one worker is SIGKILLed. For each partition it owned, the time from
// the kill to the first output the survivor writes for it. Repeated `kills` times, each on fresh topics.

import type { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { uniqueName, type TestBroker } from '../../test/kafka/broker.js';
import { startWorker, type Worker } from '../../test/kafka/workers.js';

const PARTITIONS = 4;
const FEED_EVERY_MS = 50;

export interface FailoverRun {
  /** Per taken-over partition: ms from SIGKILL to its first output from the survivor. */
  readonly takeoverMs: Record<number, number>;
}

export interface FailoverResult {
  readonly kills: number;
  readonly runs: FailoverRun[];
  /** Median over all taken-over partitions of all kills. */
  readonly medianMs: number;
  readonly maxMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function highWatermarks(transport: KafkaTransport, topic: string): Promise<number[]> {
  const offsets = await transport.offsets(
    Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition })),
  );
  return offsets.sort((a, b) => a.partition - b.partition).map((o) => o.highWatermark);
}

async function oneKill(broker: TestBroker, transport: KafkaTransport): Promise<FailoverRun> {
  const input = uniqueName('failover-in');
  const output = uniqueName('failover-out');
  await broker.createTopic(input, PARTITIONS);
  await broker.createTopic(output, PARTITIONS);
  const applicationId = uniqueName('failover-bench');
  const producer = transport.createProducer();
  await producer.connect();
  let feeding = true;
  const encoder = new TextEncoder();
  const feeder = (async () => {
    for (let n = 0; feeding; n++) {
      await producer.send(
        // Keyed, not placed: the sink partitions by the same murmur2 of the key, so input partition N's records
        // land on output partition N. 32 keys reach all four partitions.
        Array.from({ length: 32 }, (_, k) => ({
          topic: input,
          key: encoder.encode(`key-${k}`),
          value: encoder.encode(String(n)),
          timestamp: Date.now(),
        })),
      );
      await sleep(FEED_EVERY_MS);
    }
  })();
  const worker = (clientId: string): Worker =>
    startWorker({
      brokers: broker.brokers,
      input,
      output,
      applicationId,
      clientId,
      topology: 'passthrough',
    });
  const victim = worker('victim');
  const survivor = worker('survivor');
  try {
    await Promise.all([victim.waitForMatch(/^owns \d,\d$/), survivor.waitForMatch(/^owns \d,\d$/)]);
    await sleep(2000);
    const taken = victim.owned().map(Number);
    victim.child.kill('SIGKILL');
    const killedAt = performance.now();
    await victim.exited();
    // The victim is gone (its last produce requests, sent over loopback before the kill, were answered long
    // before this lookup returns); from here on only the survivor writes.
    const baseline = await highWatermarks(transport, output);
    const takeoverMs: Record<number, number> = {};
    const deadline = killedAt + 120_000;
    while (Object.keys(takeoverMs).length < taken.length) {
      if (performance.now() > deadline) throw new Error(`no takeover of ${taken.join(',')} within 120 s`);
      const hw = await highWatermarks(transport, output);
      const now = performance.now();
      for (const p of taken) {
        if (takeoverMs[p] === undefined && hw[p]! > baseline[p]!) takeoverMs[p] = Math.round(now - killedAt);
      }
      await sleep(10);
    }
    return { takeoverMs };
  } finally {
    feeding = false;
    await feeder;
    await producer.close();
    survivor.child.kill('SIGTERM');
    await survivor.exited();
  }
}

export async function measureFailover(
  broker: TestBroker,
  transport: KafkaTransport,
  kills: number,
): Promise<FailoverResult> {
  const runs: FailoverRun[] = [];
  for (let i = 0; i < kills; i++) runs.push(await oneKill(broker, transport));
  const all = runs.flatMap((r) => Object.values(r.takeoverMs)).sort((a, b) => a - b);
  const mid = Math.floor(all.length / 2);
  const medianMs = all.length % 2 === 1 ? all[mid]! : Math.round((all[mid - 1]! + all[mid]!) / 2);
  return { kills, runs, medianMs, maxMs: all.at(-1) ?? Number.NaN };
}
