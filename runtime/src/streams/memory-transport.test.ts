import { describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import { MemoryTransport } from './memory-transport.js';
import type { FetchedRecord, StreamsConsumer, TopicPartition } from './transport.js';

const tp = (list: readonly TopicPartition[]): string[] => list.map((p) => `${p.topic}-${p.partition}`).sort();

/** A consumer whose listener records what it was given. */
function member(transport: MemoryTransport, topics: string[]) {
  const events: string[] = [];
  let owned: TopicPartition[] = [];
  const consumer: StreamsConsumer = transport.createConsumer({
    groupId: 'g',
    topics,
    autoOffsetReset: 'earliest',
    maxPollRecords: 100,
    listener: {
      async onPartitionsRevoked(partitions) {
        events.push(`revoke ${tp(partitions).join(',')}`);
        owned = [];
      },
      async onPartitionsAssigned(partitions) {
        events.push(`assign ${tp(partitions).join(',')}`);
        owned = [...partitions];
      },
    },
  });
  return { consumer, events, owned: () => tp(owned) };
}

/** Polls every consumer until none of them needs to rejoin and each has been through a rebalance. */
async function settle(consumers: StreamsConsumer[]): Promise<FetchedRecord[]> {
  const seen: FetchedRecord[] = [];
  for (let round = 0; round < 20; round++) {
    const batches = await Promise.all(consumers.map((c) => c.poll(5)));
    for (const batch of batches) seen.push(...batch);
  }
  return seen;
}

describe('MemoryTransport consumer groups', () => {
  it('splits co-partitioned topics by partition number and rebalances when members join and leave', async () => {
    const cluster = new MemoryCluster();
    cluster.createTopic('a', { partitions: 4 });
    cluster.createTopic('b', { partitions: 4 });
    const transport = new MemoryTransport(cluster);

    const one = member(transport, ['a', 'b']);
    await one.consumer.connect();
    await settle([one.consumer]);
    expect(one.owned()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'b-0', 'b-1', 'b-2', 'b-3']);

    const two = member(transport, ['a', 'b']);
    await two.consumer.connect();
    await settle([one.consumer, two.consumer]);
    expect(one.owned()).toEqual(['a-0', 'a-1', 'b-0', 'b-1']);
    expect(two.owned()).toEqual(['a-2', 'a-3', 'b-2', 'b-3']);
    expect(one.events[1]).toMatch(/^revoke a-0,a-1,a-2,a-3/);

    await two.consumer.close();
    expect(two.events.at(-1)).toBe('revoke a-2,a-3,b-2,b-3');
    await settle([one.consumer]);
    expect(one.owned()).toHaveLength(8);
  });

  it('delivers records once, resumes from committed offsets and refuses commits from fenced members', async () => {
    const cluster = new MemoryCluster();
    cluster.createTopic('a', { partitions: 2 });
    const transport = new MemoryTransport(cluster);
    const producer = transport.createProducer();
    await producer.send(
      Array.from({ length: 10 }, (_, i) => ({
        topic: 'a',
        partition: i % 2,
        key: null,
        value: null,
        timestamp: i,
      })),
    );

    const first = member(transport, ['a']);
    await first.consumer.connect();
    const records = await settle([first.consumer]);
    expect(records).toHaveLength(10);
    const stale = first.consumer.groupMetadata();
    await first.consumer.commit([
      { topic: 'a', partition: 0, offset: 3 },
      { topic: 'a', partition: 1, offset: 5 },
    ]);
    await first.consumer.close();

    const second = member(transport, ['a']);
    await second.consumer.connect();
    const again = await settle([second.consumer]);
    expect(again.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(['0:3', '0:4']);
    expect(stale.generationId).toBeLessThan(second.consumer.groupMetadata().generationId);
    expect(() =>
      cluster.group('g').commit([{ topic: 'a', partition: 0, offset: 9 }], {
        memberId: second.consumer.groupMetadata().memberId,
        generationId: stale.generationId,
      }),
    ).toThrow(/generation/);
    await second.consumer.close();
  });

  it('wakes a waiting poll when records arrive and when woken up', async () => {
    const cluster = new MemoryCluster();
    cluster.createTopic('a');
    const transport = new MemoryTransport(cluster);
    const one = member(transport, ['a']);
    await one.consumer.connect();
    await settle([one.consumer]);
    const pending = one.consumer.poll(60_000);
    cluster.produce('a', [{ value: 'x' }]);
    expect(await pending).toHaveLength(1);
    const woken = one.consumer.poll(60_000);
    one.consumer.wakeup();
    expect(await woken).toEqual([]);
    await one.consumer.close();
  });

  it('runs transactions through the transactional producer', async () => {
    const cluster = new MemoryCluster();
    cluster.createTopic('in');
    cluster.createTopic('out');
    const transport = new MemoryTransport(cluster);
    const one = member(transport, ['in']);
    await one.consumer.connect();
    await settle([one.consumer]);
    const tx = transport.createTransactionalProducer({ transactionalId: 'app-0' });
    await tx.connect();
    await tx.beginTransaction();
    await tx.send([{ topic: 'out', key: null, value: new Uint8Array([1]), timestamp: 1 }]);
    await tx.sendOffsets([{ topic: 'in', partition: 0, offset: 1 }], one.consumer.groupMetadata());
    expect(cluster.highWatermark('out', 0)).toBe(0);
    await tx.commitTransaction();
    expect(cluster.highWatermark('out', 0)).toBe(1);
    expect(cluster.committedOffset('g', 'in', 0)).toBe(1);

    await tx.beginTransaction();
    await tx.send([{ topic: 'out', key: null, value: new Uint8Array([2]), timestamp: 2 }]);
    await tx.abortTransaction();
    expect(cluster.highWatermark('out', 0)).toBe(1);
    await one.consumer.close();
  });
});
