import { KafkaProtocolError } from './errors.js';
import { rangeAssign, type TopicPartition } from './range-assignor.js';

export interface GroupAssignment {
  readonly generationId: number;
  readonly partitions: readonly TopicPartition[];
}

interface MemberState {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** True once the member has rejoined in the current round. */
  joined: boolean;
  pending: { resolve(assignment: GroupAssignment): void; reject(error: Error): void } | undefined;
  assignment: readonly TopicPartition[];
}

export type GroupState = 'Empty' | 'PreparingRebalance' | 'Stable';

/**
 * A consumer group with Kafka's eager rebalance protocol: when a member joins or leaves (or a subscribed topic
 * appears), every member must give up its partitions and rejoin; once all have rejoined (or the rebalance
 * timeout evicts the ones that did not), partitions are range-assigned and the generation moves on. Commits
 * carrying an older generation are refused, which fences members that missed a rebalance.
 */
export class ConsumerGroup {
  private readonly members = new Map<string, MemberState>();
  private generation = 0;
  private groupState: GroupState = 'Empty';
  private rebalanceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly committed = new Map<string, number>();
  private nextMemberNumber = 1;

  constructor(
    readonly groupId: string,
    private readonly partitionCount: (topic: string) => number,
    private readonly rebalanceTimeoutMs: number,
    /** Called whenever members must notice a change (so pollers waiting for records wake up). */
    private readonly onChange: () => void,
  ) {}

  get state(): GroupState {
    return this.groupState;
  }

  get generationId(): number {
    return this.generation;
  }

  memberIds(): string[] {
    return [...this.members.keys()];
  }

  /** Adds a member; it receives its partitions from its first `rejoin()`. */
  join(topics: readonly string[], clientId = 'consumer'): string {
    const memberId = `${clientId}-${this.nextMemberNumber++}`;
    this.members.set(memberId, {
      memberId,
      topics: [...topics],
      joined: false,
      pending: undefined,
      assignment: [],
    });
    this.prepareRebalance();
    return memberId;
  }

  /** Whether the member must revoke its partitions and call `rejoin()`. */
  needsRejoin(memberId: string): boolean {
    const member = this.members.get(memberId);
    if (member === undefined) return true;
    return this.groupState === 'PreparingRebalance' && !member.joined;
  }

  /** Rejoins for the current round; resolves with the new assignment once every member has rejoined. */
  rejoin(memberId: string): Promise<GroupAssignment> {
    const member = this.members.get(memberId);
    if (member === undefined) {
      return Promise.reject(
        new KafkaProtocolError('UNKNOWN_MEMBER_ID', `member ${memberId} is not in group ${this.groupId}`),
      );
    }
    if (this.groupState === 'Stable') {
      return Promise.resolve({ generationId: this.generation, partitions: member.assignment });
    }
    return new Promise<GroupAssignment>((resolve, reject) => {
      member.pending?.reject(
        new KafkaProtocolError('REBALANCE_IN_PROGRESS', `member ${memberId} rejoined again`),
      );
      member.pending = { resolve, reject };
      member.joined = true;
      this.completeIfAllJoined();
    });
  }

  leave(memberId: string): void {
    const member = this.members.get(memberId);
    if (member === undefined) return;
    this.members.delete(memberId);
    member.pending?.reject(new KafkaProtocolError('UNKNOWN_MEMBER_ID', `member ${memberId} left the group`));
    if (this.members.size === 0) {
      this.clearRebalanceTimer();
      this.groupState = 'Empty';
      this.generation++;
      return;
    }
    this.prepareRebalance();
  }

  /** Starts a rebalance if a member subscribes to `topic` (called when a topic is created). */
  topicCreated(topic: string): void {
    for (const member of this.members.values()) {
      if (member.topics.includes(topic)) {
        this.prepareRebalance();
        return;
      }
    }
  }

  assignmentOf(memberId: string): readonly TopicPartition[] {
    return this.members.get(memberId)?.assignment ?? [];
  }

  /**
   * Stores committed offsets (the next offset to read). With a member id, the commit is refused unless it
   * carries the group's current generation, as Kafka refuses commits from members fenced by a rebalance.
   */
  commit(
    offsets: readonly (TopicPartition & { offset: number })[],
    member?: { memberId: string; generationId: number },
  ): void {
    if (member !== undefined) {
      if (!this.members.has(member.memberId)) {
        throw new KafkaProtocolError(
          'UNKNOWN_MEMBER_ID',
          `member ${member.memberId} is not in group ${this.groupId}; its commit is refused`,
        );
      }
      if (member.generationId !== this.generation) {
        throw new KafkaProtocolError(
          'ILLEGAL_GENERATION',
          `commit from generation ${member.generationId} refused: group ${this.groupId} is at generation ${this.generation}`,
        );
      }
    }
    for (const { topic, partition, offset } of offsets) {
      if (!Number.isInteger(offset) || offset < 0) {
        throw new RangeError(
          `committed offset for ${topic}-${partition} must be a non-negative integer, got ${offset}`,
        );
      }
      this.committed.set(offsetKey(topic, partition), offset);
    }
  }

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(offsetKey(topic, partition));
  }

  private prepareRebalance(): void {
    this.groupState = 'PreparingRebalance';
    for (const member of this.members.values()) {
      if (member.pending === undefined) member.joined = false;
    }
    this.clearRebalanceTimer();
    this.rebalanceTimer = setTimeout(() => this.evictLaggards(), this.rebalanceTimeoutMs);
    this.rebalanceTimer.unref?.();
    this.onChange();
    this.completeIfAllJoined();
  }

  private evictLaggards(): void {
    this.rebalanceTimer = undefined;
    for (const member of [...this.members.values()]) {
      if (!member.joined) this.members.delete(member.memberId);
    }
    if (this.members.size === 0) this.groupState = 'Empty';
    else this.completeIfAllJoined();
  }

  private completeIfAllJoined(): void {
    if (this.groupState !== 'PreparingRebalance' || this.members.size === 0) return;
    for (const member of this.members.values()) if (!member.joined) return;
    this.clearRebalanceTimer();
    this.generation++;
    this.groupState = 'Stable';
    const assignment = rangeAssign([...this.members.values()], this.partitionCount);
    for (const member of this.members.values()) {
      member.assignment = assignment.get(member.memberId) ?? [];
      const pending = member.pending;
      member.pending = undefined;
      pending?.resolve({ generationId: this.generation, partitions: member.assignment });
    }
    this.onChange();
  }

  private clearRebalanceTimer(): void {
    if (this.rebalanceTimer !== undefined) clearTimeout(this.rebalanceTimer);
    this.rebalanceTimer = undefined;
  }
}

function offsetKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
