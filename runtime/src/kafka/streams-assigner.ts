// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';
import { assignTasks, type MemberTaskState } from '../streams/task-assignor.js';

/** What the assigner needs from its member, asked at every join. */
export interface StreamsAssignerOptions {
  /** Kafka's num.standby.replicas, as configured on the leader (the same on every instance). */
  readonly standbyReplicas: number;
  /** This member's previous active tasks and state positions, sent to the leader in the subscription. */
  readonly memberState: () => Omit<MemberTaskState, 'memberId'>;
}

const NAME = 'TopographPartitionNumberAssigner';

/**
 * The group's assignor. Every topic's partition N goes to the same member: a Kafka Streams task reads partition
 * N of each of its co-partitioned source topics, so those must land together (kafkajs' default round-robin
 * assigner interleaves topics and would split them; Java's StreamsPartitionAssigner does this by task id,
 * which for one sub-topology per partition number gives the same). Which member gets which number, and
 * which members keep standby replicas of it, is assignTasks' choice, from what each member sent in its
 * subscription's userData; the standbys travel in the assignment's userData (see kafkajs-fixes.ts).
 */
export function streamsAssigner(options: StreamsAssignerOptions): PartitionAssigner {
  return ({ cluster }) => ({
    name: NAME,
    version: 1,
    async assign({ members, topics }) {
      let partitions = 0;
      const byTopic = new Map<string, number[]>();
      for (const topic of topics) {
        const ids = cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId);
        byTopic.set(topic, ids);
        for (const id of ids) partitions = Math.max(partitions, id + 1);
      }
      const states = members.map(({ memberId, memberMetadata }) =>
        decodeMemberTaskState(memberId, subscriptionUserData(memberMetadata)),
      );
      const tasks = assignTasks(states, partitions, options.standbyReplicas);
      return [...tasks].map(([memberId, { active, standby }]) => {
        const assignment: Record<string, number[]> = {};
        for (const [topic, ids] of byTopic) {
          const owned = ids.filter((id) => active.includes(id));
          if (owned.length > 0) assignment[topic] = owned;
        }
        return {
          memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 1,
            assignment,
            userData: encodeStandbys(standby),
          }),
        };
      });
    },
    protocol({ topics }) {
      return {
        name: NAME,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: encodeMemberTaskState(options.memberState()),
        }),
      };
    },
  });
}

function subscriptionUserData(metadata: Buffer): Buffer | undefined {
  try {
    return AssignerProtocol.MemberMetadata.decode(metadata)?.userData;
  } catch {
    // An empty or foreign subscription: no state to go by.
    return undefined;
  }
}

/** The subscription userData: versioned JSON, so members of other versions are still understood. */
export function encodeMemberTaskState(state: Omit<MemberTaskState, 'memberId'>): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, active: state.active, positions: state.positions }));
}

/** Reads what encodeMemberTaskState wrote; a member that sent nothing (or something else) reports no state. */
export function decodeMemberTaskState(
  memberId: string,
  userData: Buffer | null | undefined,
): MemberTaskState {
  const none: MemberTaskState = { memberId, active: [], positions: {} };
  if (userData === null || userData === undefined || userData.length === 0) return none;
  try {
    const parsed = JSON.parse(userData.toString('utf8')) as { active?: unknown; positions?: unknown };
    const active = Array.isArray(parsed.active) ? parsed.active.filter((n) => Number.isInteger(n)) : [];
    const positions: Record<number, number> = {};
    if (typeof parsed.positions === 'object' && parsed.positions !== null) {
      for (const [n, offset] of Object.entries(parsed.positions)) {
        if (Number.isInteger(Number(n)) && typeof offset === 'number') positions[Number(n)] = offset;
      }
    }
    return { memberId, active: active as number[], positions };
  } catch {
    // Not ours (another client version or library): the member is simply treated as holding no state.
    return none;
  }
}

/** The assignment userData: the member's standby partition numbers. */
export function encodeStandbys(standby: readonly number[]): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, standby }));
}

export function decodeStandbys(userData: Buffer | null | undefined): number[] {
  if (userData === null || userData === undefined || userData.length === 0) return [];
  try {
    const parsed = JSON.parse(userData.toString('utf8')) as { standby?: unknown };
    return Array.isArray(parsed.standby)
      ? (parsed.standby.filter((n) => Number.isInteger(n)) as number[])
      : [];
  } catch {
    return [];
  }
}
