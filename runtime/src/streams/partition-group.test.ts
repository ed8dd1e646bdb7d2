import { describe, expect, it } from 'vitest';
import { PartitionGroup } from './partition-group.js';
import type { RunnerTask } from './runner-task.js';
import type { FetchedRecord, TopicPartition } from './transport.js';

function fakeTask(processed: string[]): RunnerTask {
  return {
    id: '0_0',
    partition: 0,
    inputs: [
      { topic: 'left', partition: 0 },
      { topic: 'right', partition: 0 },
    ],
    changelogs: [],
    process: (record) => void processed.push(`${record.topic}@${record.timestamp}`),
    punctuate: () => undefined,
    takeCommittableOffsets: () => [],
    restore: () => undefined,
    store: () => undefined,
    stores: () => [],
    nodeMetrics: () => [],
    close: () => undefined,
  };
}

const record = (topic: string, timestamp: number): FetchedRecord => ({
  topic,
  partition: 0,
  offset: timestamp,
  timestamp,
  key: null,
  value: null,
  headers: new Map(),
});

describe('PartitionGroup', () => {
  it('feeds the lowest timestamp first and waits for an input that may still receive records', () => {
    const processed: string[] = [];
    const group = new PartitionGroup(fakeTask(processed));
    for (const ts of [1, 5, 9]) group.add(record('left', ts));
    for (const ts of [2, 3]) group.add(record('right', ts));

    const nothingCaughtUp = (): boolean => false;
    group.process(nothingCaughtUp);
    expect(processed).toEqual(['left@1', 'right@2', 'right@3']);
    expect(group.buffered).toBe(2);
    expect(group.bufferedFor('left')).toBe(2);
    expect(group.bufferedFor('right')).toBe(0);

    const rightCaughtUp = (input: TopicPartition): boolean => input.topic === 'right';
    group.process(rightCaughtUp);
    expect(processed.slice(3)).toEqual(['left@5', 'left@9']);
    expect(group.buffered).toBe(0);
  });

  it('keeps the arrival order of one input for equal timestamps and rejects foreign partitions', () => {
    const processed: string[] = [];
    const group = new PartitionGroup(fakeTask(processed));
    group.add(record('left', 4));
    group.add({ ...record('left', 4), offset: 99 });
    group.add(record('right', 4));
    group.process(() => true);
    expect(processed).toEqual(['left@4', 'left@4', 'right@4']);
    expect(() => group.add(record('other', 1))).toThrow(/does not read other-0/);
  });
});
