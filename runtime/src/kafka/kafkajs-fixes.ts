// Fixes for kafkajs 2.2, installed before kafkajs loads (import this module before anything that imports
// kafkajs). First, its read-committed filtering: kafkajs' filterAbortedMessages steps into at most ONE
// aborted transaction per record: when a fetch starts inside two or more aborted transactions (several producers — under
// exactly_once_v2, several tasks — writing the same partition, then aborted), the records of all but the first
// are handed out as if committed. Seen as duplicates after a zombie's transactions were aborted. This version
// enters every aborted transaction whose first offset the record has reached.

import { createRequire, Module } from 'node:module';
import { kafkaErrorType } from './kafka-errors.js';

interface Message {
  readonly offset: string;
  readonly key: Buffer | null | undefined;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}

interface AbortedTransaction {
  readonly firstOffset: string;
  readonly producerId: string;
}

const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

function filterAbortedMessages({
  messages,
  abortedTransactions,
}: {
  messages: Message[];
  abortedTransactions?: AbortedTransaction[];
}): Message[] {
  if (abortedTransactions === undefined || abortedTransactions.length === 0) return messages;
  const pending = [...abortedTransactions].sort((a, b) => compare(a.firstOffset, b.firstOffset));
  const aborted = new Set<string>();
  return messages.filter((message) => {
    while (pending.length > 0 && compare(message.offset, pending[0]!.firstOffset) >= 0) {
      aborted.add(String(pending.shift()!.producerId));
    }
    const producerId = String(message.batchContext.producerId);
    if (message.key != null && Buffer.from(message.key).equals(ABORT_MARKER_KEY)) {
      aborted.delete(producerId);
      return true;
    }
    return !(aborted.has(producerId) && message.batchContext.inTransaction);
  });
}

/** Offsets are decimal strings of int64s. */
function compare(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const FIXED = Symbol.for('topograph.kafkajs.filterAbortedMessages');
Object.defineProperty(filterAbortedMessages, FIXED, { value: true });

const require = createRequire(import.meta.url);
const filename = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
const cached = require.cache[filename];
if (cached === undefined) {
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = filterAbortedMessages;
  require.cache[filename] = module;
} else if ((cached.exports as Record<symbol, unknown>)[FIXED] !== true) {
  // Not thrown: a host that loaded kafkajs first still works, as it did before this fix.
  process.stderr.write(
    'warning: kafkajs was loaded before runtime/src/kafka/kafkajs-fixes.ts; read-committed consumers may ' +
      'see records of aborted transactions (import @topograph/runtime/kafka before kafkajs)\n',
  );
}

// Two things happen around kafkajs' SyncGroup, in one wrapper of its ConsumerGroup sync step:
//
// 1. kafkajs decodes the assignment a member receives but hands on only its partitions, dropping the
//    assignor's userData — where Kafka Streams' assignor tells each member its standby tasks. The userData of
//    every assignment that has one is kept, by member id, until the member's GROUP_JOIN handler takes it
//    (takeAssignmentUserData): kafkajs emits GROUP_JOIN right after SyncGroup, with that member id, and member
//    ids are unique in a group.
// 2. librdkafka's mock coordinator completes a generation as soon as the leader's SyncGroup (which carries
//    every member's assignment) arrives, and answers a follower whose SyncGroup comes later with
//    INVALID_REQUEST (SyncGroup is not valid in its Up state; rdkafka_mock_cgrp.c, check_state). A follower
//    busy processing a batch when the JoinGroup answer arrives is that late. kafkajs takes INVALID_REQUEST as
//    fatal; restarting the consumer joins under a new member id while the mock keeps the old one, with
//    partitions assigned to it, until its session times out, which rebalances again — each rebalance another
//    chance of the same race (seen stalling a three-member group for a minute). Answered as
//    REBALANCE_IN_PROGRESS instead, kafkajs rejoins at once under the same member id (its joinAndSync retry),
//    which starts the next generation with every member (fewer rebalances; on the mock the race can still
//    recur for a while, see the README). A real broker answers SyncGroup with INVALID_REQUEST
//    only to a malformed request; that is retried a few times (kafkajs' retrier) and then crashes as before.

interface SyncGroupResponse {
  readonly memberAssignment: Buffer;
}

interface Coordinator {
  syncGroup(request: { readonly memberId: string }): Promise<SyncGroupResponse>;
}

interface ConsumerGroupInternals {
  coordinator: Coordinator;
}

const assignmentUserData = new Map<string, Buffer>();

/** The userData of the assignment the member with this id received last, once. */
export function takeAssignmentUserData(memberId: string): Buffer | undefined {
  const data = assignmentUserData.get(memberId);
  assignmentUserData.delete(memberId);
  return data;
}

const USERDATA_KEPT = Symbol.for('topograph.kafkajs.assignmentUserData');
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as {
  prototype: Record<symbol, unknown>;
};
const { MemberAssignment } = require('kafkajs/src/consumer/assignerProtocol.js') as {
  MemberAssignment: { decode(buffer: Buffer): { userData: Buffer } | null };
};
const SYNC = Object.getOwnPropertySymbols(ConsumerGroup.prototype).find(
  (s) => s.description === 'private:ConsumerGroup:sync',
);
const sync = SYNC === undefined ? undefined : ConsumerGroup.prototype[SYNC];
if (SYNC === undefined || typeof sync !== 'function') {
  process.stderr.write(
    'warning: this kafkajs version has no ConsumerGroup sync step where kafkajs-fixes.ts expects it; ' +
      'standby replicas (numStandbyReplicas) will not be assigned\n',
  );
} else if ((sync as unknown as Record<symbol, unknown>)[USERDATA_KEPT] !== true) {
  const wrapped = async function (this: ConsumerGroupInternals): Promise<unknown> {
    const coordinator = this.coordinator;
    // An own property shadows the broker's prototype method for this one SyncGroup.
    coordinator.syncGroup = async (request) => {
      let response: SyncGroupResponse;
      try {
        response = await Object.getPrototypeOf(coordinator).syncGroup.call(coordinator, request);
      } catch (error) {
        if (kafkaErrorType(error) !== 'INVALID_REQUEST') throw error;
        throw Object.assign(new Error(`SyncGroup raced the generation's completion; rejoining`), {
          name: 'KafkaJSProtocolError',
          type: 'REBALANCE_IN_PROGRESS',
          retriable: true,
          cause: error,
        });
      }
      const userData = MemberAssignment.decode(response.memberAssignment)?.userData;
      if (userData !== undefined && userData.length > 0) assignmentUserData.set(request.memberId, userData);
      return response;
    };
    try {
      return await (sync as (this: ConsumerGroupInternals) => Promise<unknown>).call(this);
    } finally {
      delete (coordinator as Partial<Coordinator>).syncGroup;
    }
  };
  Object.defineProperty(wrapped, USERDATA_KEPT, { value: true });
  ConsumerGroup.prototype[SYNC] = wrapped;
}
