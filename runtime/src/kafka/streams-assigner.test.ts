import { AssignerProtocol, type Cluster, type Logger } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { streamsAssigner } from './streams-assigner.js';

describe('streamsAssigner', () => {
  it('gives partition N of every topic to the same member, spread over the sorted members', async () => {
    const partitions: Record<string, number> = { left: 4, right: 4, single: 1 };
    const cluster = {
      findTopicPartitionMetadata: (topic: string) =>
        Array.from({ length: partitions[topic]! }, (_, partitionId) => ({ partitionId })),
    } as unknown as Cluster; // only findTopicPartitionMetadata is used by the assigner
    const assigner = streamsAssigner({
      standbyReplicas: 0,
      memberState: () => ({ active: [], positions: {} }),
    })({
      cluster,
      groupId: 'g',
      logger: {} as Logger,
    });
    const result = await assigner.assign({
      members: [
        { memberId: 'b', memberMetadata: Buffer.alloc(0) },
        { memberId: 'a', memberMetadata: Buffer.alloc(0) },
      ],
      topics: ['left', 'right', 'single'],
    });
    const decoded = Object.fromEntries(
      result.map(({ memberId, memberAssignment }) => [
        memberId,
        AssignerProtocol.MemberAssignment.decode(memberAssignment)!.assignment,
      ]),
    );
    expect(decoded).toEqual({
      a: { left: [0, 2], right: [0, 2], single: [0] },
      b: { left: [1, 3], right: [1, 3] },
    });
  });
});
