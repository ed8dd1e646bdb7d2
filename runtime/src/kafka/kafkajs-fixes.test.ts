import './kafkajs-fixes.js';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

interface RawMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

// kafkajs' consumer Batch, which applies the read-committed filter (the one the fix replaces).
const Batch = createRequire(import.meta.url)('kafkajs/src/consumer/batch.js') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: {
    partition: number;
    highWatermark: string;
    abortedTransactions: unknown[];
    messages: RawMessage[];
  },
) => { messages: RawMessage[] };

const record = (offset: number, producerId: string, inTransaction = true): RawMessage => ({
  offset: String(offset),
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  isControlRecord: false,
  batchContext: { producerId, inTransaction },
});
const abortMarker = (offset: number, producerId: string): RawMessage => ({
  ...record(offset, producerId),
  key: Buffer.from([0, 0, 0, 0]),
  isControlRecord: true,
});

it('filters the records of every aborted transaction a fetch starts inside, not only the first', () => {
  // Two tasks' producers (ids 1 and 2) wrote the partition in transactions that were aborted; the fetch
  // starts at 10, inside both. kafkajs 2.2 alone hands out offset 10 (producer 2) as committed.
  const batch = new Batch('t', '10', {
    partition: 0,
    highWatermark: '16',
    abortedTransactions: [
      { producerId: '1', firstOffset: '5' },
      { producerId: '2', firstOffset: '8' },
    ],
    messages: [
      record(10, '2'),
      record(11, '1'),
      record(12, '2'),
      abortMarker(13, '1'),
      abortMarker(14, '2'),
      record(15, '3', false),
    ],
  });
  expect(batch.messages.map((m) => m.offset)).toEqual(['15']);
});

// kafkajs' ConsumerGroup sync step, as wrapped by the fix, run on a stand-in group (a follower, so no assigner
// runs) whose coordinator answers SyncGroup as the test says.
const require = createRequire(import.meta.url);
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as {
  prototype: Record<symbol, unknown>;
};
const { MemberAssignment } = require('kafkajs/src/consumer/assignerProtocol.js') as {
  MemberAssignment: {
    encode(a: { version: number; assignment: Record<string, number[]>; userData: Buffer }): Buffer;
  };
};
const sync = ConsumerGroup.prototype[
  Object.getOwnPropertySymbols(ConsumerGroup.prototype).find(
    (s) => s.description === 'private:ConsumerGroup:sync',
  )!
] as (this: object) => Promise<void>;

function follower(syncGroup: () => Promise<{ memberAssignment: Buffer }>) {
  return {
    memberId: 'member-1',
    generationId: 3,
    groupId: 'g',
    logger: { debug() {}, warn() {} },
    isLeader: () => false,
    generatePartitionsPerSubscribedTopic: () => new Map([['text', [0, 1]]]),
    topicsSubscribed: ['text'],
    // The broker's method lives on its prototype; the fix shadows it for one call.
    coordinator: Object.create({ syncGroup }),
  };
}

it('turns the mock coordinator’s SyncGroup INVALID_REQUEST into a rejoin under the same member id', async () => {
  const group = follower(async () => {
    throw Object.assign(new Error('invalid request'), { type: 'INVALID_REQUEST' });
  });
  // kafkajs' joinAndSync retries a join (same member id) on REBALANCE_IN_PROGRESS and bails on anything else.
  await expect(sync.call(group)).rejects.toMatchObject({ type: 'REBALANCE_IN_PROGRESS', retriable: true });
  expect(Object.hasOwn(group.coordinator, 'syncGroup')).toBe(false);
  const other = follower(async () => {
    throw Object.assign(new Error('not authorized'), { type: 'GROUP_AUTHORIZATION_FAILED' });
  });
  await expect(sync.call(other)).rejects.toMatchObject({ type: 'GROUP_AUTHORIZATION_FAILED' });
});

it('keeps the assignment’s userData for the member, which kafkajs itself drops', async () => {
  const { takeAssignmentUserData } = await import('./kafkajs-fixes.js');
  const userData = Buffer.from('{"standby":[1]}');
  const group = follower(async () => ({
    memberAssignment: MemberAssignment.encode({ version: 1, assignment: { text: [0] }, userData }),
  }));
  // The rest of kafkajs' sync step needs more of a group than this stand-in has; the capture comes first.
  await sync.call(group).catch(() => undefined);
  expect(takeAssignmentUserData('member-1')).toEqual(userData);
  expect(takeAssignmentUserData('member-1')).toBeUndefined();
});
