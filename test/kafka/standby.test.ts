// Standby replicas (numStandbyReplicas: 1): two word-count processes, each running half the tasks and keeping
// a standby copy of the other half's count store from its changelog. One is SIGKILLed; the survivor takes its
// tasks over from the standby copies, restoring only the changelog's tail instead of all of it, and the counts
// go on from the right values.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { startTestBroker, uniqueName, type TestBroker } from './broker.js';
import { expectedCounts, lastCounts, readTopic, sampleLines } from './topologies.js';
import { killAllWorkers, produceLines, startWorker, type Worker } from './workers.js';

let broker: TestBroker;
let transport: KafkaTransport;

beforeAll(async () => {
  broker = await startTestBroker();
  transport = new KafkaTransport({ brokers: broker.brokers, clientId: 'standby-test' });
});

afterAll(async () => {
  killAllWorkers();
  await transport?.close();
  await broker?.stop();
});

async function waitForCounts(output: string, expected: Map<string, number>): Promise<Map<string, number>> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const counts = lastCounts(await readTopic(transport, output));
    if ([...expected].every(([word, count]) => (counts.get(word) ?? 0) >= count)) return counts;
    if (Date.now() > deadline) throw new Error('word counts incomplete after 90 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The count tasks' ids (sub-topology 1 reads the repartition topic) of the partitions a worker owns. */
const countTasks = (w: Worker): string[] => w.owned().map((p) => `1_${p}`);

it('a standby replica takes over a killed instance’s tasks restoring only the changelog tail', async () => {
  const input = uniqueName('standby-text');
  const output = uniqueName('standby-counts');
  const applicationId = uniqueName('standby-app');
  const changelog = `${applicationId}-counts-changelog`;
  await broker.createTopic(input, 4);
  await broker.createTopic(output, 4);
  const producer = transport.createProducer();
  await producer.connect();
  const lines = sampleLines(1500, 3);
  await produceLines(producer, input, lines, 0);

  const worker = (clientId: string) =>
    startWorker({ brokers: broker.brokers, input, output, applicationId, clientId, standbyReplicas: 1 });
  // One after the other on the mock, whose SyncGroup race at a simultaneous join is not under test here.
  const a = worker('worker-a');
  await a.waitForMatch(/^owns \d/);
  const b = worker('worker-b');
  await Promise.all([a.waitForMatch(/^owns \d,\d$/), b.waitForMatch(/^owns \d,\d$/)]);
  await waitForCounts(output, expectedCounts(lines));

  // B's standbys of A's count tasks reach the end of their changelog partitions.
  const taken = countTasks(a);
  const partitions = taken.map((id) => Number(id.split('_')[1]));
  const ends = await transport.offsets(partitions.map((partition) => ({ topic: changelog, partition })));
  const changelogLength = ends.reduce((sum, o) => sum + o.highWatermark - o.logStartOffset, 0);
  expect(changelogLength).toBeGreaterThan(1000);
  const caughtUp = new RegExp(
    `^standby .*${taken.map((id, i) => `${id}@${ends[i]!.highWatermark}`).join(',.*')}`,
  );
  await b.waitForMatch(caughtUp);

  a.child.kill('SIGKILL');
  await a.exited();
  const more = sampleLines(200, 4);
  await produceLines(producer, input, more, lines.length);
  await producer.close();
  const all = [...lines, ...more];
  await b.waitFor('owns 0,1,2,3');
  const counts = await waitForCounts(output, expectedCounts(all));

  // Every taken-over count task started from its standby and read only what A wrote after B's last update.
  const restores = b.lines
    .filter((l) => l.startsWith('restored '))
    .map((l) => l.split(' '))
    .filter(([, taskId]) => taken.includes(taskId!));
  expect(restores.map(([, taskId]) => taskId).sort()).toEqual([...taken].sort());
  for (const [, , , , , how] of restores) expect(how).toBe('standby');
  const restored = restores.reduce((sum, [, , records]) => sum + Number(records), 0);
  console.log(`standby takeover: restored ${restored} of ${changelogLength} changelog records`);
  expect(restored).toBeLessThan(changelogLength / 10);

  // The counts went on from the standby's state: none short (checked above), none far over (at-least-once
  // redoes only what A processed after its last commit).
  const expected = expectedCounts(all);
  const totalWords = [...expected.values()].reduce((sum, n) => sum + n, 0);
  let extra = 0;
  for (const [word, count] of expected) extra += (counts.get(word) ?? 0) - count;
  expect(extra).toBeLessThan(totalWords / 10);

  b.child.kill('SIGTERM');
  expect(await b.exited()).toBe(0);
}, 240_000);
