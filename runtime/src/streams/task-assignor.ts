// Which member runs which tasks, and where their standby replicas live: Kafka Streams' assignor
// (HighAvailabilityTaskAssignor / StickyTaskAssignor), simplified. The unit is a partition number: task N of
// every sub-topology reads partition N of its co-partitioned topics, so all tasks of one number go together.

/** What a member reports about itself when it joins (Kafka's SubscriptionInfo). */
export interface MemberTaskState {
  readonly memberId: string;
  /** Partition numbers whose tasks the member ran as active in the previous generation. */
  readonly active: readonly number[];
  /**
   * Per partition number, the sum of the changelog offsets up to which the member holds the state of its
   * tasks (a standby's position); absent where it holds nothing. Higher is more caught up: the offsets of
   * one task's changelogs are comparable between members.
   */
  readonly positions: Readonly<Record<number, number>>;
}

export interface TaskAssignment {
  readonly active: number[];
  readonly standby: number[];
}

/**
 * Assigns partition numbers 0..partitions-1 to members, each to one member as active, and to up to
 * `standbyReplicas` other members as standby (fewer when the group has fewer members). Active tasks stay where
 * they ran (sticky) as far as balance allows; a task whose member left goes to the member most caught up on
 * its state (its standby), so failover restores only the changelog's tail; the rest is spread evenly. Members
 * are taken in member-id order, so every run of the leader gives the same answer for the same input.
 */
export function assignTasks(
  members: readonly MemberTaskState[],
  partitions: number,
  standbyReplicas: number,
): Map<string, TaskAssignment> {
  if (!Number.isInteger(standbyReplicas) || standbyReplicas < 0) {
    throw new RangeError(`standbyReplicas must be a non-negative integer, got ${standbyReplicas}`);
  }
  const sorted = [...members].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  const out = new Map<string, TaskAssignment>(sorted.map((m) => [m.memberId, { active: [], standby: [] }]));
  if (sorted.length === 0) return out;
  // Even spread: every member gets `base` tasks, and `extra` of them one more.
  const base = Math.floor(partitions / sorted.length);
  let extra = partitions % sorted.length;
  const activeOf = new Map<number, string>();
  const load = (id: string): number => out.get(id)!.active.length;
  const give = (n: number, id: string): void => {
    if (load(id) >= base) extra--;
    out.get(id)!.active.push(n);
    activeOf.set(n, id);
  };
  const hasRoom = (id: string): boolean => load(id) < base || (load(id) === base && extra > 0);

  // Sticky: a task stays on the member that ran it, up to that member's even share, then one more while
  // the spread allows.
  for (const member of sorted) {
    for (const n of member.active) {
      if (n < partitions && !activeOf.has(n) && load(member.memberId) < base) give(n, member.memberId);
    }
  }
  for (const member of sorted) {
    const kept = member.active.find((n) => n < partitions && !activeOf.has(n));
    if (kept !== undefined && hasRoom(member.memberId)) give(kept, member.memberId);
  }
  // The rest: to the most caught-up member with room (a standby), else to the least loaded one.
  for (let n = 0; n < partitions; n++) {
    if (activeOf.has(n)) continue;
    const candidates = sorted.filter((m) => hasRoom(m.memberId));
    give(n, best(candidates, n, load).memberId);
  }

  const standbyLoad = (id: string): number => out.get(id)!.standby.length;
  for (let replica = 0; replica < standbyReplicas; replica++) {
    for (let n = 0; n < partitions; n++) {
      const candidates = sorted.filter(
        (m) => activeOf.get(n) !== m.memberId && !out.get(m.memberId)!.standby.includes(n),
      );
      if (candidates.length === 0) continue;
      out.get(best(candidates, n, standbyLoad).memberId)!.standby.push(n);
    }
  }
  for (const assignment of out.values()) assignment.active.sort((a, b) => a - b);
  for (const assignment of out.values()) assignment.standby.sort((a, b) => a - b);
  return out;
}

/** The member holding the most of task n's state; among equals, the least loaded; then member-id order. */
function best(
  candidates: readonly MemberTaskState[],
  n: number,
  load: (memberId: string) => number,
): MemberTaskState {
  let chosen = candidates[0]!;
  for (const member of candidates.slice(1)) {
    const position = member.positions[n] ?? -1;
    const chosenPosition = chosen.positions[n] ?? -1;
    if (
      position > chosenPosition ||
      (position === chosenPosition && load(member.memberId) < load(chosen.memberId))
    )
      chosen = member;
  }
  return chosen;
}
