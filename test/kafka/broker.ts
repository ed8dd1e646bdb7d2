// The Kafka-protocol broker for the integration tests: librdkafka's mock cluster (test/kafka/mock-broker.c),
// compiled on first use and started on 127.0.0.1 ephemeral ports; or, when KAFKA_BROKERS=host:port[,…] is
// set, that real cluster instead.

// Before kafkajs loads: see kafkajs-fixes.ts.
import '../../runtime/src/kafka/kafkajs-fixes.js';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'mock-broker.c');
const cacheDir = join(here, '..', '..', 'node_modules', '.cache', 'topograph');

export interface TestBroker {
  readonly brokers: string[];
  /** True for librdkafka's mock cluster, which lacks CreateTopics and transactions (see the README). */
  readonly mock: boolean;
  /** Creates a topic with an exact partition count (the mock has no CreateTopics; this goes around it). */
  createTopic(name: string, partitions: number): Promise<void>;
  stop(): Promise<void>;
}

/** Compiles the mock broker if its source changed; explains how to get librdkafka when it is missing. */
export function buildMockBroker(): string {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const binary = join(cacheDir, `mock-broker-${hash}`);
  if (existsSync(binary)) return binary;
  if (!existsSync('/usr/include/librdkafka/rdkafka_mock.h')) {
    throw new Error(
      'the Kafka integration tests need librdkafka (its mock cluster is the test broker). Install it with\n' +
        '    sudo apt-get install -y librdkafka-dev\n' +
        'or run them against a real cluster with KAFKA_BROKERS=host:port',
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  const result = spawnSync('cc', ['-O1', '-o', binary, source, '-lrdkafka'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`compiling ${source} failed:\n${result.stderr}${result.error?.message ?? ''}`);
  }
  return binary;
}

export async function startTestBroker(): Promise<TestBroker> {
  const external = process.env.KAFKA_BROKERS;
  if (external !== undefined && external.trim() !== '') return externalBroker(external.split(','));
  return startMockBroker();
}

class MockBroker implements TestBroker {
  readonly mock = true;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly brokers: string[],
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
  ) {}

  createTopic(name: string, partitions: number): Promise<void> {
    const run = this.queue.then(async () => {
      this.child.stdin.write(`topic ${name} ${partitions}\n`);
      const answer = await this.lines.next();
      if (answer.done === true || answer.value !== 'ok') {
        throw new Error(`mock broker could not create ${name}: ${String(answer.value)}`);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

async function startMockBroker(): Promise<TestBroker> {
  const binary = buildMockBroker();
  const child = spawn(binary, ['3'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const reader: Interface = createInterface({ input: child.stdout });
  const lines = reader[Symbol.asyncIterator]();
  const first = await lines.next();
  const match = first.done === true ? null : /^bootstrap (\S+)$/.exec(first.value);
  if (match === null) {
    child.kill();
    throw new Error(`the mock broker did not start: ${stderr || String(first.value)}`);
  }
  return new MockBroker(match[1]!.split(','), child, lines);
}

function externalBroker(brokers: string[]): TestBroker {
  const kafka = new Kafka({ brokers, clientId: 'topograph-tests', logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const connected = admin.connect();
  return {
    brokers,
    mock: false,
    async createTopic(name, partitions) {
      await connected;
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: name, numPartitions: partitions }],
      });
      // Old data in a reused topic would make results incomparable (the examples use fixed topic names).
      if (!created)
        throw new Error(`topic ${name} already exists on ${brokers.join(',')}; use a fresh cluster`);
    },
    async stop() {
      await connected;
      await admin.disconnect();
    },
  };
}

/** A topic or group name no earlier run on the same (real) cluster has used. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
