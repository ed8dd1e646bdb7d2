// Two processes of one application split the partitions through the consumer group; one is SIGKILLed
// mid-stream; the other takes over its tasks and restores their state from the changelog; the killed one,
// restarted, resumes from the committed offsets. At-least-once: no input record is lost, duplicates are
// counted and reported.

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport } from '../../runtime/src/kafka/index.js';
import { startTestBroker, uniqueName, type TestBroker } from './broker.js';
import { expectedCounts, lastCounts, readTopic, sampleLines } from './topologies.js';

const worker = join(dirname(fileURLToPath(import.meta.url)), 'wordcount-worker.ts');
let broker: TestBroker;
let transport: KafkaTransport;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
  transport = new KafkaTransport({ brokers: broker.brokers, clientId: 'failover-test' });
});

afterAll(async () => {
  for (const child of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await transport?.close();
  await broker?.stop();
});

interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  waitFor(line: string, timeoutMs?: number): Promise<void>;
  waitForMatch(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
}

function startWorker(input: string, output: string, applicationId: string, clientId: string): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, broker.brokers.join(','), input, output, applicationId, clientId],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  workers.push(child);
  const lines: string[] = [];
  const waiters: { matches: (line: string) => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.matches(line))) waiter.resolve();
  });
  const waitForMatch = (matches: (line: string) => boolean, what: string, timeoutMs = 60_000) =>
    lines.some(matches)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${clientId} did not print ${what}; it printed ${JSON.stringify(lines)}`)),
            timeoutMs,
          );
          waiters.push({ matches, resolve: () => (clearTimeout(timer), resolve()) });
        });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    waitFor: (line, timeoutMs) => waitForMatch((l) => l === line, JSON.stringify(line), timeoutMs),
    waitForMatch: (pattern, timeoutMs) => waitForMatch((l) => pattern.test(l), String(pattern), timeoutMs),
    exited: () => exit,
  };
}

async function produce(topic: string, lines: readonly string[], from: number): Promise<void> {
  const producer = transport.createProducer();
  await producer.connect();
  const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
  await producer.send(
    lines.map((line, i) => ({
      topic,
      key: encode(`line-${from + i}`),
      value: encode(line),
      timestamp: Date.now(),
    })),
  );
  await producer.close();
}

/** Waits until every word's latest count reaches the expected one (at-least-once may overshoot). */
async function waitForCompleteCounts(
  output: string,
  expected: Map<string, number>,
): Promise<Map<string, number>> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const counts = lastCounts(await readTopic(transport, output));
    if ([...expected].every(([word, count]) => (counts.get(word) ?? 0) >= count)) return counts;
    if (Date.now() > deadline) {
      const short = [...expected].filter(([word, count]) => (counts.get(word) ?? 0) < count);
      throw new Error(
        `counts incomplete: ${JSON.stringify(short.map(([w, c]) => [w, counts.get(w) ?? 0, c]))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function duplicates(counts: Map<string, number>, expected: Map<string, number>): number {
  let extra = 0;
  for (const [word, count] of expected) extra += (counts.get(word) ?? 0) - count;
  return extra;
}

it('splits partitions over two processes, survives a SIGKILL with restored state, and resumes after restart', async () => {
  const input = uniqueName('failover-text');
  const output = uniqueName('failover-counts');
  const applicationId = uniqueName('failover-app');
  await broker.createTopic(input, 4);
  await broker.createTopic(output, 4);

  const all: string[] = [];
  const batch = async (count: number, seed: number): Promise<void> => {
    const lines = sampleLines(count, seed);
    await produce(input, lines, all.length);
    all.push(...lines);
  };

  await batch(400, 1);
  const a = startWorker(input, output, applicationId, 'worker-a');
  const b = startWorker(input, output, applicationId, 'worker-b');
  await Promise.all([a.waitFor('state RUNNING'), b.waitFor('state RUNNING')]);
  const firstCounts = await waitForCompleteCounts(output, expectedCounts(all));
  // The group split the four partitions two and two.
  await Promise.all([a.waitForMatch(/^owns \d,\d$/), b.waitForMatch(/^owns \d,\d$/)]);
  const ownedA = a.lines
    .filter((l) => l.startsWith('owns '))
    .at(-1)!
    .slice(5)
    .split(',');
  const ownedB = b.lines
    .filter((l) => l.startsWith('owns '))
    .at(-1)!
    .slice(5)
    .split(',');
  expect([...ownedA, ...ownedB].sort()).toEqual(['0', '1', '2', '3']);
  const duplicatesBeforeKill = duplicates(firstCounts, expectedCounts(all));

  // Kill A in the middle of a stream of input.
  for (let i = 0; i < 6; i++) {
    await batch(50, 10 + i);
    if (i === 2) {
      a.child.kill('SIGKILL');
      await a.exited();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await b.waitFor('owns 0,1,2,3');
  const afterKill = await waitForCompleteCounts(output, expectedCounts(all));
  const duplicatesAfterKill = duplicates(afterKill, expectedCounts(all));

  // B committed progress on all four partitions, including those it took over.
  const partitions = [0, 1, 2, 3].map((partition) => ({ topic: input, partition }));
  const probe = transport.createConsumer({
    groupId: applicationId,
    topics: [input],
    autoOffsetReset: 'earliest',
    maxPollRecords: 1,
    listener: { onPartitionsAssigned: async () => {}, onPartitionsRevoked: async () => {} },
  });
  expect((await probe.committed(partitions)).filter((c) => c.offset > 0)).toHaveLength(4);

  // Restart A: it joins, takes tasks back, restores them, and continues from the committed offsets
  // (starting over from the beginning would roughly double every count).
  const restarted = startWorker(input, output, applicationId, 'worker-a');
  await restarted.waitFor('state RUNNING');
  await batch(200, 99);
  const final = await waitForCompleteCounts(output, expectedCounts(all));
  const totalWords = [...expectedCounts(all).values()].reduce((sum, n) => sum + n, 0);
  const finalDuplicates = duplicates(final, expectedCounts(all));
  console.log(
    `failover: ${all.length} lines, ${totalWords} words; duplicates counted (at-least-once): ` +
      `${duplicatesBeforeKill} before the kill, ${duplicatesAfterKill} after it, ${finalDuplicates} after the restart`,
  );
  expect(finalDuplicates).toBeGreaterThanOrEqual(0);
  expect(finalDuplicates).toBeLessThan(totalWords / 4);

  // Graceful shutdown on SIGTERM: both finish, commit and exit 0.
  restarted.child.kill('SIGTERM');
  b.child.kill('SIGTERM');
  expect(await restarted.exited()).toBe(0);
  expect(await b.exited()).toBe(0);
  expect(b.lines.at(-1)).toBe('closed');

  // Everything was committed at shutdown: the group's offsets equal the input's high watermarks.
  const committed = await probe.committed(partitions);
  const highWatermarks = await transport.offsets(partitions);
  expect(committed.map((c) => c.offset).sort()).toEqual(highWatermarks.map((h) => h.highWatermark).sort());
}, 240_000);
