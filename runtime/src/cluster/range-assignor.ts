export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface AssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
}

/**
 * Kafka's RangeAssignor: per topic, the sorted subscribers get contiguous ranges of partitions, the first
 * ones one extra when it does not divide evenly. Topics with equal partition counts therefore give the same
 * partition numbers to the same member, which is what keeps co-partitioned sources in one task.
 */
export function rangeAssign(
  members: readonly AssignorMember[],
  partitionCount: (topic: string) => number,
): Map<string, TopicPartition[]> {
  const assignment = new Map<string, TopicPartition[]>();
  for (const member of members) assignment.set(member.memberId, []);
  const subscribers = new Map<string, string[]>();
  for (const member of members) {
    for (const topic of member.topics) {
      const list = subscribers.get(topic);
      if (list === undefined) subscribers.set(topic, [member.memberId]);
      else if (!list.includes(member.memberId)) list.push(member.memberId);
    }
  }
  for (const topic of [...subscribers.keys()].sort()) {
    const memberIds = subscribers.get(topic)!.sort();
    const count = partitionCount(topic);
    const perMember = Math.floor(count / memberIds.length);
    const extra = count % memberIds.length;
    memberIds.forEach((memberId, i) => {
      const start = perMember * i + Math.min(i, extra);
      const length = perMember + (i < extra ? 1 : 0);
      const owned = assignment.get(memberId)!;
      for (let p = start; p < start + length; p++) owned.push({ topic, partition: p });
    });
  }
  return assignment;
}
