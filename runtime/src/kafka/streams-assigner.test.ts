import { AssignerProtocol, type Cluster, type Logger } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeStandbys, streamsAssigner } from './streams-assigner.js';

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

  it('sends each member its state in the subscription and its standbys in the assignment userData', async () => {
    const cluster = {
      findTopicPartitionMetadata: () => Array.from({ length: 4 }, (_, partitionId) => ({ partitionId })),
    } as unknown as Cluster; // only findTopicPartitionMetadata is used by the assigner
    const context = { cluster, groupId: 'g', logger: {} as Logger };
    // a ran 0 and 2 and keeps standbys of 1 (far) and 3; c is gone; b is new.
    const a = streamsAssigner({
      standbyReplicas: 1,
      memberState: () => ({ active: [0, 2], positions: { 1: 5000, 3: 10 } }),
    })(context);
    const b = streamsAssigner({
      standbyReplicas: 1,
      memberState: () => ({ active: [], positions: {} }),
    })(context);
    const metadata = (assigner: typeof a) => assigner.protocol({ topics: ['text'] }).metadata;
    const result = await a.assign({
      members: [
        { memberId: 'a', memberMetadata: metadata(a) },
        { memberId: 'b', memberMetadata: metadata(b) },
        // A member of another client (or an older version) sending nothing: it still gets a share.
        { memberId: 'c', memberMetadata: Buffer.alloc(0) },
      ],
      topics: ['text'],
    });
    const decoded = Object.fromEntries(
      result.map(({ memberId, memberAssignment }) => {
        const assignment = AssignerProtocol.MemberAssignment.decode(memberAssignment)!;
        return [
          memberId,
          { active: assignment.assignment.text ?? [], standby: decodeStandbys(assignment.userData) },
        ];
      }),
    );
    // An even spread is 2, 1, 1: a keeps 0 and 2 (sticky, plus the one extra); b and c get 1 and 3.
    expect(decoded.a!.active).toEqual([0, 2]);
    expect([...decoded.b!.active, ...decoded.c!.active].sort()).toEqual([1, 3]);
    // a holds state of 1 and 3, so it keeps standbys of those; 0 and 2 get standbys elsewhere.
    expect(decoded.a!.standby).toEqual([1, 3]);
    expect([...decoded.b!.standby, ...decoded.c!.standby].sort()).toEqual([0, 2]);
  });

  it('reads no standbys from an empty or foreign assignment userData', () => {
    expect(decodeStandbys(Buffer.alloc(0))).toEqual([]);
    expect(decodeStandbys(Buffer.from('not json'))).toEqual([]);
    expect(decodeStandbys(Buffer.from(JSON.stringify({ standby: [1, 'x', 2] })))).toEqual([1, 2]);
  });
});
