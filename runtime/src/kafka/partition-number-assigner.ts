// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * Assigns every topic's partition N to the same member, spreading partition numbers round-robin over the
 * sorted members. A Kafka Streams task reads partition N of each of its co-partitioned source topics, so
 * those must land on one member; kafkajs' default round-robin assigner interleaves topics and would split
 * them. (Java's StreamsPartitionAssigner does this by task id; for one sub-topology per partition number the
 * result is the same.)
 */
export const PartitionNumberAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'TopographPartitionNumberAssigner',
  version: 1,
  async assign({ members, topics }) {
    const sorted = members.map((member) => member.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const member = assignment.get(sorted[partitionId % sorted.length]!)!;
        (member[topic] ??= []).push(partitionId);
      }
    }
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: topicPartitions,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'TopographPartitionNumberAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});
