import { describe, expect, it } from 'vitest';
import type { FetchedRecord } from '../streams/transport.js';
import { BatchHandoff } from './batch-handoff.js';

function records(topic: string, partition: number, from: number, count: number): FetchedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    topic,
    partition,
    offset: from + i,
    timestamp: 0,
    key: null,
    value: null,
    headers: new Map(),
  }));
}

const offsets = (batch: readonly FetchedRecord[]): string[] => batch.map((r) => `${r.partition}@${r.offset}`);

describe('BatchHandoff', () => {
  it('splits batches at max and settles an offer only when the runner comes back after its last record', async () => {
    const handoff = new BatchHandoff();
    let outcome: string | undefined;
    void handoff.offer('t', 0, records('t', 0, 0, 5)).then((o) => (outcome = o));
    expect(offsets(await handoff.take(3, 0))).toEqual(['0@0', '0@1', '0@2']);
    expect(offsets(await handoff.take(3, 0))).toEqual(['0@3', '0@4']);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    expect(await handoff.take(3, 0)).toEqual([]);
    await Promise.resolve();
    expect(outcome).toBe('processed');
  });

  it('fills one take from several partitions and skips ineligible (paused) ones', async () => {
    const handoff = new BatchHandoff();
    void handoff.offer('t', 0, records('t', 0, 0, 2));
    void handoff.offer('t', 1, records('t', 1, 10, 2));
    void handoff.offer('t', 2, records('t', 2, 20, 2));
    const taken = await handoff.take(10, 0, (_topic, partition) => partition !== 1);
    expect(offsets(taken)).toEqual(['0@0', '0@1', '2@20', '2@21']);
    expect(offsets(await handoff.take(10, 0))).toEqual(['1@10', '1@11']);
  });

  it('drops batches of revoked partitions, resolving their handlers as dropped', async () => {
    const handoff = new BatchHandoff();
    const kept = handoff.offer('t', 0, records('t', 0, 0, 1));
    const dropped = handoff.offer('t', 1, records('t', 1, 0, 1));
    handoff.drop((_topic, partition) => partition === 0);
    expect(await dropped).toBe('dropped');
    expect(offsets(await handoff.take(10, 0))).toEqual(['0@0']);
    handoff.releaseAll();
    expect(await kept).toBe('processed');
  });

  it('wakes a waiting take when records arrive or on wakeup()', async () => {
    const handoff = new BatchHandoff();
    const waiting = handoff.take(10, 60_000);
    void handoff.offer('t', 0, records('t', 0, 7, 1));
    expect(offsets(await waiting)).toEqual(['0@7']);
    const idle = handoff.take(10, 60_000);
    handoff.wakeup();
    expect(await idle).toEqual([]);
  });
});
