// KafkaStreamsConsumer's commit bookkeeping around rebalances, on a scripted stand-in for kafkajs: the races
// that make it matter (a SyncGroup answered INVALID_REQUEST by librdkafka's mock, after which kafkajs rejoins
// under a new member id while the other members close) happen about once in twenty runs of the multi-process
// tests, so here they are played out step by step.

import { EventEmitter } from 'node:events';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { TopicPartition, TopicPartitionOffset } from '../streams/transport.js';
import { KafkaStreamsConsumer } from './kafka-consumer.js';

const TOPIC = 'text';
const key = (partition: number): string => `${TOPIC}-${partition}`;

/** The group coordinator's side: committed offsets, and whether commits are refused (a rebalance is on). */
class FakeGroup {
  readonly committed = new Map<string, number>();
  /** Commits refused from now on with REBALANCE_IN_PROGRESS, until it is set to 0. */
  refuseCommits = 0;
  readonly commitLog: string[] = [];
}

/** The parts of a kafkajs Consumer that KafkaStreamsConsumer uses, driven by the test. */
class FakeKafkaConsumer extends EventEmitter {
  readonly events = { GROUP_JOIN: 'join', COMMIT_OFFSETS: 'commit', CRASH: 'crash' };
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;

  constructor(private readonly group: FakeGroup) {
    super();
  }

  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}
  async run(options: { eachBatch: (payload: EachBatchPayload) => Promise<void> }): Promise<void> {
    this.eachBatch = options.eachBatch;
  }
  async disconnect(): Promise<void> {}
  pause(): void {}
  resume(): void {}
  seek(): void {}

  async commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void> {
    if (this.group.refuseCommits > 0) {
      this.group.refuseCommits--;
      throw Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), {
        type: 'REBALANCE_IN_PROGRESS',
      });
    }
    for (const { topic, partition, offset } of offsets) {
      this.group.committed.set(`${topic}-${partition}`, Number(offset));
      this.group.commitLog.push(`${partition}@${offset}`);
    }
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const { topic, partition, offset } of offsets)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset }]);
    this.emit('commit', {
      payload: { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) },
    });
  }

  /** kafkajs finished a JoinGroup + SyncGroup. */
  join(memberId: string, partitions: number[]): void {
    this.emit('join', { payload: { memberId, memberAssignment: { [TOPIC]: partitions } } });
  }

  /** kafkajs hands over a fetched batch; resolves when the consumer's handler returns. */
  deliver(partition: number, from: number, count: number): Promise<void> {
    const messages = Array.from({ length: count }, (_, i) => ({
      offset: String(from + i),
      timestamp: '0',
      key: null,
      value: Buffer.from('x'),
      headers: {},
      attributes: 0,
      size: 0,
    }));
    return this.eachBatch!({
      batch: { topic: TOPIC, partition, messages },
      heartbeat: async () => {},
    } as unknown as EachBatchPayload); // only the fields onBatch reads
  }
}

function setup(): {
  group: FakeGroup;
  kafka: FakeKafkaConsumer;
  consumer: KafkaStreamsConsumer;
  log: string[];
} {
  const group = new FakeGroup();
  const kafka = new FakeKafkaConsumer(group);
  const admin = {
    async fetchOffsets({ topics }: { topics: string[] }) {
      return topics.map((topic) => ({
        topic,
        partitions: [0, 1, 2, 3].map((partition) => ({
          partition,
          offset: String(group.committed.get(`${topic}-${partition}`) ?? -1),
        })),
      }));
    },
    async fetchTopicOffsets() {
      return [0, 1, 2, 3].map((partition) => ({ partition, low: '0', high: '1000' }));
    },
  };
  const log: string[] = [];
  const names = (ps: readonly TopicPartition[]): string => ps.map((p) => p.partition).join(',');
  const consumer = new KafkaStreamsConsumer(
    // The stand-ins cover what KafkaStreamsConsumer calls; the rest of kafkajs' API is not reached.
    { consumer: () => kafka as unknown as Consumer } as unknown as Kafka,
    admin as unknown as Admin,
    {
      groupId: 'app',
      topics: [TOPIC],
      autoOffsetReset: 'earliest',
      maxPollRecords: 100,
      listener: {
        onPartitionsAssigned: async (ps) => void log.push(`assigned ${names(ps)}`),
        onPartitionsRevoked: async (ps) => void log.push(`revoked ${names(ps)}`),
        onPartitionsLost: async (ps) => void log.push(`lost ${names(ps)}`),
      },
    },
    // Short, so a close that cannot commit gives up within the test.
    { sessionTimeoutMs: 1000, rebalanceTimeoutMs: 1000, heartbeatIntervalMs: 100 },
  );
  return { group, kafka, consumer, log };
}

/** Polls until the records of a delivered batch come out (the handoff may need a poll to take them). */
async function process(
  consumer: KafkaStreamsConsumer,
  delivered: Promise<void>,
  partition: number,
): Promise<TopicPartitionOffset> {
  let next = -1;
  for (let i = 0; i < 20 && next < 0; i++) {
    for (const record of await consumer.poll(10))
      if (record.partition === partition) next = record.offset + 1;
  }
  // The batch's handler returns once the runner comes back for more.
  await consumer.poll(0);
  await delivered;
  return { topic: TOPIC, partition, offset: next };
}

describe('KafkaStreamsConsumer commits around rebalances', () => {
  it('a clean close commits what it processed even after the partition moved to a member that is closing too', async () => {
    const { group, kafka, consumer } = setup();
    await consumer.connect();
    kafka.join('a-1', [0, 1]);
    await consumer.poll(0);
    const processed = await process(consumer, kafka.deliver(1, 0, 50), 1);
    expect(processed.offset).toBe(50);
    // The commit races a rebalance (another member joins), and so do the first ones of close...
    group.refuseCommits = 3;
    await consumer.commit([processed]);
    expect(group.committed.has(key(1))).toBe(false);
    const closed = consumer.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // ...then the next generation gives partition 1 to the other member, which is shutting down as well and
    // never commits it.
    kafka.join('a-1', [0]);
    await closed;
    expect(group.committed.get(key(1))).toBe(50);
  });

  it('after kafkajs rejoined under a new member id, what was processed before still gets committed at close', async () => {
    const { group, kafka, consumer, log } = setup();
    await consumer.connect();
    kafka.join('a-1', [1]);
    await consumer.poll(0);
    const processed = await process(consumer, kafka.deliver(1, 0, 40), 1);
    group.refuseCommits = 1;
    await consumer.commit([processed]);
    // A crash (SyncGroup INVALID_REQUEST on the mock) and a restart: a new member id, partition 1 elsewhere.
    kafka.join('a-2', [0]);
    await consumer.poll(0);
    expect(log).toContain('lost 1');
    await consumer.close();
    expect(group.committed.get(key(1))).toBe(40);
  });

  it('a partition that comes back after a rejoin resumes after what was processed, not from the old commit', async () => {
    const { group, kafka, consumer } = setup();
    await consumer.connect();
    kafka.join('a-1', [1]);
    await consumer.poll(0);
    const processed = await process(consumer, kafka.deliver(1, 0, 30), 1);
    group.refuseCommits = 1;
    await consumer.commit([processed]);
    kafka.join('a-2', [1]);
    await consumer.poll(0);
    expect(consumer.position({ topic: TOPIC, partition: 1 })).toBe(30);
    // kafkajs refetches from the group's commit (none: the start); the records already processed are skipped.
    const delivered = kafka.deliver(1, 0, 35);
    const again = await consumer.poll(10);
    expect(again.map((r) => r.offset)).toEqual([30, 31, 32, 33, 34]);
    await consumer.poll(0);
    await delivered;
    await consumer.close();
    expect(group.committed.get(key(1))).toBe(30);
  });

  it('a late commit never moves back the offset the partition’s new owner has committed since', async () => {
    const { group, kafka, consumer } = setup();
    await consumer.connect();
    kafka.join('a-1', [0, 1]);
    await consumer.poll(0);
    const processed = await process(consumer, kafka.deliver(1, 0, 50), 1);
    group.refuseCommits = 1;
    await consumer.commit([processed]);
    // The new owner reprocessed from the start and got further before this member heard of the rebalance.
    group.committed.set(key(1), 70);
    kafka.join('a-1', [0]);
    await consumer.poll(0);
    await consumer.close();
    expect(group.committed.get(key(1))).toBe(70);
    expect(group.commitLog).not.toContain('1@50');
  });
});
