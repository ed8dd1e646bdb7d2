// Failover of stateful tasks with and without a standby replica: two word-count worker processes
// (test/kafka/workers.ts) share four partitions; with numStandbyReplicas 1 each keeps standbys of the
// other's count tasks. The count store's changelog holds one record per word. One worker is SIGKILLed once
// everything is counted; the survivor takes its count tasks over. Reported per mode: the taken-over tasks'
// changelog records, how many of them the survivor restored, the restores' own time, and the time from the
// kill to the end of the last restore (the session timeout, 6 s by default, is most of it).

import type { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { uniqueName, type TestBroker } from '../../test/kafka/broker.js';
import { sampleLines } from '../../test/kafka/topologies.js';
import { produceLines, startWorker } from '../../test/kafka/workers.js';

const PARTITIONS = 4;

export interface StandbyRun {
  readonly standbyReplicas: number;
  /** Changelog records of the count tasks the survivor took over. */
  readonly changelogRecords: number;
  readonly restoredRecords: number;
  /** The longest of the taken-over tasks' restores. */
  readonly restoreMs: number;
  /** From SIGKILL to the end of the survivor's last restore of a taken-over task. */
  readonly killToRestoredMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function changelogEnds(transport: KafkaTransport, topic: string): Promise<number[]> {
  const offsets = await transport.offsets(
    Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition })),
  );
  return offsets.sort((a, b) => a.partition - b.partition).map((o) => o.highWatermark);
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
  await broker.createTopic(input, PARTITIONS);
  await broker.createTopic(output, PARTITIONS);
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
  const victim = worker('victim');
  await victim.waitForMatch(/^owns \d/, 120_000);
  const survivor = worker('survivor');
  try {
    await Promise.all([victim, survivor].map((w) => w.waitForMatch(/^owns \d,\d$/, 120_000)));
    // Every word is counted: the changelog holds one record per word.
    const deadline = Date.now() + 300_000;
    let ends = await changelogEnds(transport, changelog);
    while (ends.reduce((a, b) => a + b, 0) < total) {
      if (Date.now() > deadline) throw new Error(`the changelog did not reach ${total} records`);
      await sleep(200);
      ends = await changelogEnds(transport, changelog);
    }
    const taken = victim.owned().map(Number);
    const tasks = taken.map((p) => `1_${p}`);
    if (standbyReplicas > 0) {
      const caughtUp = new RegExp(
        `^standby .*${tasks.map((id, i) => `${id}@${ends[taken[i]!]}`).join(',.*')}`,
      );
      await survivor.waitForMatch(caughtUp, 300_000);
    }
    const since = survivor.lines.length;
    victim.child.kill('SIGKILL');
    const killedAt = performance.now();
    await victim.exited();
    const restoredAfterKill = () =>
      survivor.lines
        .map((line, index) => ({ line, index }))
        .filter(
          ({ line, index }) =>
            index >= since && tasks.includes(line.split(' ')[1]!) && line.startsWith('restored '),
        );
    const restoreDeadline = Date.now() + 120_000;
    while (restoredAfterKill().length < tasks.length) {
      if (Date.now() > restoreDeadline) throw new Error(`the survivor did not restore ${tasks.join(',')}`);
      await sleep(20);
    }
    const restores = restoredAfterKill();
    const fields = restores.map(({ line }) => line.split(' '));
    return {
      standbyReplicas,
      changelogRecords: taken.reduce((sum, p) => sum + ends[p]!, 0),
      restoredRecords: fields.reduce((sum, f) => sum + Number(f[2]), 0),
      restoreMs: Math.max(...fields.map((f) => Number(f[6]))),
      killToRestoredMs: Math.round(
        Math.max(...restores.map(({ index }) => survivor.times[index]!)) - killedAt,
      ),
    };
  } finally {
    if (victim.child.exitCode === null && victim.child.signalCode === null) victim.child.kill('SIGKILL');
    survivor.child.kill('SIGTERM');
    await survivor.exited();
  }
}
