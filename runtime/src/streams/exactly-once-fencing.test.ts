// exactly_once_v2's zombie fencing, on the embedded cluster (which has transactional epochs). Instance A
// stalls in the middle of committing (as after a long GC pause or a frozen VM) until the group has evicted it
// and given its tasks to B; then A resumes. The transactional producer used here commits offsets the way
// kafkajs does (TxnOffsetCommit v0: the group id only, no generation or member id), so the cluster's group
// checks cannot refuse A's commit: only the per-task transactional ids (<applicationId>-<taskId>) can. The
// test fails with one producer per instance: A's stale transaction then commits and its output appears.

import { afterEach, expect, it } from 'vitest';
import { KafkaProtocolError } from '../cluster/errors.js';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import { Topology } from '../topology/topology.js';
import { KafkaStreams } from './kafka-streams.js';
import { MemoryTransport } from './memory-transport.js';
import {
  ProducerFencedError,
  type ConsumerGroupMetadata,
  type OutgoingRecord,
  type TopicPartitionOffset,
  type TransactionalProducer,
} from './transport.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A transactional producer whose offset commits carry only the group id, like kafkajs' TxnOffsetCommit v0. */
class GroupIdOnlyProducer implements TransactionalProducer {
  private epoch = -1;
  private records: { topic: string; record: OutgoingRecord }[] = [];
  private offsets: { groupId: string; offsets: TopicPartitionOffset[] } | undefined;

  constructor(
    private readonly cluster: MemoryCluster,
    private readonly transactionalId: string,
    private readonly owner: GroupIdOnlyTransport,
  ) {}

  async connect(): Promise<void> {
    this.epoch = this.cluster.initTransactions(this.transactionalId);
  }

  async beginTransaction(): Promise<void> {
    this.records = [];
    this.offsets = undefined;
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    for (const record of records) this.records.push({ topic: record.topic, record });
  }

  async sendOffsets(offsets: readonly TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void> {
    this.offsets = { groupId: group.groupId, offsets: [...(this.offsets?.offsets ?? []), ...offsets] };
  }

  async commitTransaction(): Promise<void> {
    const records = this.records;
    await this.owner.beforeCommit(records.map(({ record }) => decoder.decode(record.value!)));
    try {
      this.cluster.commitTransaction(this.transactionalId, this.epoch, { records, offsets: this.offsets });
    } catch (error) {
      if (error instanceof KafkaProtocolError && error.type === 'PRODUCER_FENCED') {
        throw new ProducerFencedError(error.message);
      }
      throw error;
    }
  }

  async abortTransaction(): Promise<void> {
    this.records = [];
    this.offsets = undefined;
  }

  async close(): Promise<void> {}
}

/** The embedded cluster's transport with GroupIdOnlyProducers, whose commits can be held up. */
class GroupIdOnlyTransport extends MemoryTransport {
  /** While set, every transaction commit waits for it (the instance is "paused"). */
  pause: Promise<void> | undefined;
  /** Output values of the transactions that waited. */
  readonly held: string[] = [];

  override createTransactionalProducer(options: { readonly transactionalId: string }): TransactionalProducer {
    return new GroupIdOnlyProducer(this.cluster, options.transactionalId, this);
  }

  async beforeCommit(values: readonly string[]): Promise<void> {
    const pause = this.pause;
    if (pause === undefined || values.length === 0) return;
    this.held.push(...values);
    await pause;
  }
}

/** in → value prefixed with the instance's tag → out. */
function taggingTopology(tag: string): Topology {
  return new Topology()
    .addSource('in', 'in', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .addProcessor<string, string, string, string>(
      'tag',
      () => {
        let context: ProcessorContext<string, string>;
        return {
          init: (c) => void (context = c),
          process: (record) => context.forward({ ...record, value: `${tag}:${record.value}` }),
        };
      },
      'in',
    )
    .addSink('out', 'out', { keySerde: Serdes.string(), valueSerde: Serdes.string() }, 'tag');
}

function output(cluster: MemoryCluster): string[] {
  const out: string[] = [];
  for (let partition = 0; partition < 2; partition++) {
    const from = cluster.logStartOffset('out', partition);
    for (const r of cluster.fetch('out', partition, from, 1_000_000)) out.push(decoder.decode(r.value!));
  }
  return out;
}

function produce(cluster: MemoryCluster, values: readonly string[]): void {
  cluster.produce(
    'in',
    values.map((value) => ({ key: encoder.encode(value), value: encoder.encode(value) })),
  );
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const apps: KafkaStreams[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

it("a zombie's commit is refused by its task's producer epoch, and its output never appears", async () => {
  const cluster = new MemoryCluster({ rebalanceTimeoutMs: 100 });
  cluster.createTopic('in', { partitions: 2 });
  cluster.createTopic('out', { partitions: 2 });
  const start = (tag: string, transport: GroupIdOnlyTransport): KafkaStreams => {
    const app = new KafkaStreams(taggingTopology(tag), {
      applicationId: 'app',
      transport,
      processingGuarantee: 'exactly_once_v2',
      commitIntervalMs: 10,
      pollMs: 10,
    });
    apps.push(app);
    return app;
  };

  const zombieTransport = new GroupIdOnlyTransport(cluster);
  const zombie = start('A', zombieTransport);
  await zombie.start();
  await waitFor('A to run', () => zombie.state === 'RUNNING');

  let resume!: () => void;
  zombieTransport.pause = new Promise<void>((resolve) => (resume = resolve));
  const first = Array.from({ length: 20 }, (_, i) => `x${i}`);
  produce(cluster, first);
  // A has processed records into open transactions and is stuck committing them.
  await waitFor('A to hold a transaction', () => zombieTransport.held.length > 0);
  const zombieOutput = [...zombieTransport.held];

  // B joins; A does not rejoin in time and is evicted; B owns both tasks, fencing A's producers.
  const successor = start('B', new GroupIdOnlyTransport(cluster));
  await successor.start();
  await waitFor('B to process everything', () => output(cluster).length === first.length);
  expect(output(cluster).every((v) => v.startsWith('B:'))).toBe(true);

  // A resumes: its commits are refused, it gives the tasks up and rejoins, and both carry on.
  zombieTransport.pause = undefined;
  resume();
  await waitFor('A to rejoin and run again', () => zombie.state === 'RUNNING');
  const second = Array.from({ length: 20 }, (_, i) => `y${i}`);
  produce(cluster, second);
  await waitFor('all input in the output', () => output(cluster).length >= first.length + second.length);
  await Promise.all(apps.splice(0).map((app) => app.close()));

  const values = output(cluster);
  for (const held of zombieOutput) expect(values).not.toContain(held);
  // Every input record appears once, whichever instance wrote it.
  expect(values.map((v) => v.slice(2)).sort()).toEqual([...first, ...second].sort());
}, 60_000);
