// Failover of a stateful task with and without a standby replica: two word-count worker processes
// (test/kafka/workers.ts) on one input partition, so one of them runs the count task and the other is idle
// or, with numStandbyReplicas 1, keeps its standby. The count store's changelog holds one record per word
// (≥ 100k). The active one is SIGKILLed; the survivor takes the task over. Reported per mode: changelog
// records restored, the restore's own time, and the time from the kill to the end of the restore (the
// session timeout, 6 s by default, is most of it).

import type { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { uniqueName, type TestBroker } from '../../test/kafka/broker.js';
import { sampleLines } from '../../test/kafka/topologies.js';
import { produceLines, startWorker } from '../../test/kafka/workers.js';

export interface StandbyRun {
  readonly standbyReplicas: number;
  readonly changelogRecords: number;
  readonly restoredRecords: number;
  readonly restoreMs: number;
  /** From SIGKILL to the end of the survivor's restore of the count task. */
  readonly killToRestoredMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function changelogEnd(transport: KafkaTransport, topic: string): Promise<number> {
  const [offsets] = await transport.offsets([{ topic, partition: 0 }]);
  return offsets?.highWatermark ?? 0;
}

export async function measureStandbyFailover(
  broker: TestBroker,
  transport: KafkaTransport,
  standbyReplicas: number,
  words: number,
): Promise<StandbyRun> {
  const input = uniqueName('standby-in');
  const output = uniqueName('standby-out');
  const applicationId = uniqueName('standby-bench');
  const changelog = `${applicationId}-counts-changelog`;
  await broker.createTopic(input, 1);
  await broker.createTopic(output, 1);
  const lines: string[] = [];
  let total = 0;
  for (let seed = 1; total < words; seed++) {
    for (const line of sampleLines(1000, seed)) {
      lines.push(line);
      total += line.split(' ').length;
    }
  }
  const producer = transport.createProducer();
  await producer.connect();
  for (let from = 0; from < lines.length; from += 5000)
    await produceLines(producer, input, lines.slice(from, from + 5000), from);
  await producer.close();

  const worker = (clientId: string) =>
    startWorker({ brokers: broker.brokers, input, output, applicationId, clientId, standbyReplicas });
  const active = worker('active');
  await active.waitForMatch(/^owns 0$/, 120_000);
  const survivor = worker('survivor');
  try {
    await survivor.waitFor('state RUNNING', 120_000);
    // The active has counted every word: the changelog holds one record per word.
    const deadline = Date.now() + 300_000;
    while ((await changelogEnd(transport, changelog)) < total) {
      if (Date.now() > deadline) throw new Error(`the changelog did not reach ${total} records`);
      await sleep(200);
    }
    const end = await changelogEnd(transport, changelog);
    if (standbyReplicas > 0) await survivor.waitFor(`standby 1_0@${end}`, 300_000);
    if (survivor.lines.some((l) => l.startsWith('restored 1_0 ')))
      throw new Error('the survivor ran the count task before the kill; the assignment was not sticky');
    active.child.kill('SIGKILL');
    const killedAt = performance.now();
    await active.exited();
    const line = await survivor.waitForMatch(/^restored 1_0 /, 120_000);
    const index = survivor.lines.indexOf(line);
    const [, , records, , , , ms] = line.split(' ');
    return {
      standbyReplicas,
      changelogRecords: end,
      restoredRecords: Number(records),
      restoreMs: Number(ms),
      killToRestoredMs: Math.round(survivor.times[index]! - killedAt),
    };
  } finally {
    if (active.child.exitCode === null && active.child.signalCode === null) active.child.kill('SIGKILL');
    survivor.child.kill('SIGTERM');
    await survivor.exited();
  }
}
