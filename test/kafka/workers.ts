// Word-count worker processes (wordcount-worker.ts) for the multi-process Kafka tests and the failover bench:
// start one, watch its stdout lines, signal it, wait for its exit.

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StreamsProducer } from '../../runtime/src/streams/transport.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'wordcount-worker.ts');

export interface WorkerOptions {
  readonly brokers: readonly string[];
  readonly input: string;
  readonly output: string;
  readonly applicationId: string;
  readonly clientId: string;
  readonly guarantee?: 'at_least_once' | 'exactly_once_v2';
  /** Default 100; a long interval leaves everything to the commits of rebalances and close. */
  readonly commitIntervalMs?: number;
  /** The consumer group session timeout; default the transport's. */
  readonly sessionTimeoutMs?: number;
  /** Default word count; passthrough copies each record to the same partition number of the output. */
  readonly topology?: 'wordcount' | 'passthrough';
  /** numStandbyReplicas; default 0. */
  readonly standbyReplicas?: number;
}

export interface Worker {
  readonly child: ChildProcess;
  readonly clientId: string;
  /** Every stdout line so far, with the time (performance.now()) it arrived. */
  readonly lines: string[];
  readonly times: number[];
  waitFor(line: string, timeoutMs?: number): Promise<void>;
  waitForMatch(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The partitions of the last `owns` line. */
  owned(): string[];
  exited(): Promise<number | null>;
}

const started: ChildProcess[] = [];

export function startWorker(options: WorkerOptions): Worker {
  const args = [
    options.brokers.join(','),
    options.input,
    options.output,
    options.applicationId,
    options.clientId,
    options.guarantee ?? 'at_least_once',
    String(options.commitIntervalMs ?? 100),
    ...(options.sessionTimeoutMs === undefined ? [] : [String(options.sessionTimeoutMs)]),
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      WORKER_TOPOLOGY: options.topology ?? 'wordcount',
      WORKER_STANDBYS: String(options.standbyReplicas ?? 0),
    },
  });
  started.push(child);
  const lines: string[] = [];
  const times: number[] = [];
  const waiters: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    times.push(performance.now());
    for (const waiter of waiters.filter((w) => w.matches(line))) waiter.resolve(line);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForMatch = (matches: (line: string) => boolean, what: string, timeoutMs = 60_000) => {
    const seen = lines.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${options.clientId} did not print ${what}; it printed ${JSON.stringify(lines)}`)),
        timeoutMs,
      );
      waiters.push({ matches, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  };
  return {
    child,
    clientId: options.clientId,
    lines,
    times,
    waitFor: async (line, timeoutMs) => {
      await waitForMatch((l) => l === line, JSON.stringify(line), timeoutMs);
    },
    waitForMatch: (pattern, timeoutMs) => waitForMatch((l) => pattern.test(l), String(pattern), timeoutMs),
    owned: () =>
      (lines.filter((l) => l.startsWith('owns ')).at(-1) ?? 'owns ')
        .slice(5)
        .split(',')
        .filter((p) => p !== ''),
    exited: () => exit,
  };
}

/** SIGKILLs every worker still running (for afterAll). */
export function killAllWorkers(): void {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Writes lines keyed `line-<n>` (n counting on from `from`), so every line is a distinct record. */
export async function produceLines(
  producer: StreamsProducer,
  topic: string,
  lines: readonly string[],
  from: number,
): Promise<void> {
  const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
  await producer.send(
    lines.map((line, i) => ({
      topic,
      key: encode(`line-${from + i}`),
      value: encode(line),
      timestamp: Date.now(),
    })),
  );
}
