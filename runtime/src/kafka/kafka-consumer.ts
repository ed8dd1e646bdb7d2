import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type {
  ConsumerGroupMetadata,
  ConsumerOptions,
  FetchedRecord,
  StreamsConsumer,
  TopicPartition,
  TopicPartitionOffset,
} from '../streams/transport.js';
import { BatchHandoff } from './batch-handoff.js';
import { isLostGenerationCommit, isMembershipRace } from './kafka-errors.js';
import { takeAssignmentUserData } from './kafkajs-fixes.js';
import { decodeStandbys, streamsAssigner } from './streams-assigner.js';
import { fromKafkaMessage } from './records.js';

/** Consumer-group timing (defaults: DEFAULT_GROUP_TIMEOUTS). */
export interface GroupTimeouts {
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly rebalanceTimeoutMs?: number;
}

/**
 * Defaults for a takeover within 10 s of a crash: the group notices a dead member when its session times out
 * (6 s, the broker's default group.min.session.timeout.ms; kafkajs' own default is 30 s), the survivors
 * learn of the rebalance at their next heartbeat (1.5 s), then join, sync and restore. The rebalance timeout
 * bounds how long the coordinator waits for live members to rejoin; 30 s instead of kafkajs' 60 s.
 */
export const DEFAULT_GROUP_TIMEOUTS = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 1500,
  rebalanceTimeoutMs: 30_000,
} as const satisfies GroupTimeouts;

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * A consumer-group member on kafkajs, driven by the runner's `poll()` loop. Partitions are assigned by the
 * group protocol with the streams assigner (co-partitioned topics together, standbys placed); every change of
 * assignment reaches the runner as revoked/assigned callbacks at the start of its next `poll()`, before any
 * record of a newly assigned partition.
 *
 * kafkajs offers no revocation callback before it rejoins, so offsets of revoked partitions are committed just
 * after the rejoin rather than before: another member may already have started from the older commit, and
 * reprocesses those records (at-least-once, never loss). kafkajs also restarts partitions it keeps from their
 * committed offsets after a rejoin; records below this member's own position are skipped, so a kept
 * partition is not processed twice here.
 */
/** Consecutive rejoins after crashes kafkajs does not recover from, before the crash is reported. */
const MAX_RESTARTS = 5;
const COMMIT_RETRY_MS = 250;

export class KafkaStreamsConsumer implements StreamsConsumer {
  private readonly consumer: Consumer;
  private readonly handoff = new BatchHandoff();
  private readonly positions = new Map<string, number>();
  private readonly paused = new Set<string>();
  private owned: TopicPartition[] = [];
  /** The assignment of the latest group generation, not yet passed to the listener. */
  private pendingAssignment: TopicPartition[] | undefined;
  /** The standby partition numbers of that generation. */
  private pendingStandbys: number[] = [];
  private memberId = '';
  private generation = 0;
  private closed = false;
  private closing = false;
  /** Set when kafkajs rejoined under a new member id; the next assignment reports every partition lost. */
  private lostMembership = false;
  private crash: Error | undefined;
  private restarts = 0;
  /** Offsets whose commit lost a race with a rebalance, retried in the next generation. */
  private readonly uncommitted = new Map<string, TopicPartitionOffset>();
  /**
   * Offsets of partitions this member no longer owns (a rebalance or a rejoin under a new member id moved
   * them) whose commit never landed, although their output was sent. Committed late, and only while the
   * group's committed offset is still behind them (see orphansStillAhead).
   */
  private readonly orphaned = new Map<string, TopicPartitionOffset>();
  /** Partitions whose revocation callback is running: their final commit is an orphan's. */
  private revoking = new Set<string>();
  /** Offsets the coordinator acknowledged, from kafkajs' COMMIT_OFFSETS event. */
  private readonly acknowledged = new Map<string, string>();

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly options: ConsumerOptions,
    private readonly timeouts: GroupTimeouts,
  ) {
    if (!Number.isInteger(options.maxPollRecords) || options.maxPollRecords < 1) {
      throw new RangeError(`maxPollRecords must be a positive integer, got ${options.maxPollRecords}`);
    }
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      partitionAssigners: [
        streamsAssigner({
          standbyReplicas: options.standbyReplicas ?? 0,
          memberState: () => ({
            active: [...new Set(this.owned.map((p) => p.partition))],
            positions: options.standbyPositions?.() ?? {},
          }),
        }),
      ],
      allowAutoTopicCreation: false,
      sessionTimeout: timeouts.sessionTimeoutMs ?? DEFAULT_GROUP_TIMEOUTS.sessionTimeoutMs,
      heartbeatInterval: this.heartbeatEveryMs(),
      rebalanceTimeout: timeouts.rebalanceTimeoutMs ?? DEFAULT_GROUP_TIMEOUTS.rebalanceTimeoutMs,
      maxWaitTimeInMs: 100,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      // kafkajs joins under a new member id only after the coordinator dropped the old one (session timeout):
      // everything owned under the old id may have moved meanwhile.
      if (this.memberId !== '' && payload.memberId !== this.memberId) this.lostMembership = true;
      this.memberId = payload.memberId;
      this.generation++;
      this.restarts = 0;
      const assignment: TopicPartition[] = [];
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) assignment.push({ topic, partition });
      }
      this.pendingAssignment = assignment;
      this.pendingStandbys = decodeStandbys(takeAssignmentUserData(payload.memberId));
      this.handoff.wakeup();
    });
    // kafkajs' commitOffsets returns without a word when its runner is not running (between a crash and its
    // restart, or while it stops); only this event says a commit really reached the coordinator.
    this.consumer.on(this.consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const { topic, partitions } of payload.topics) {
        // Typed as a string, but kafkajs passes on the Long it converted the offset to.
        for (const { partition, offset } of partitions)
          this.acknowledged.set(key(topic, partition), String(offset));
      }
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts itself after retriable crashes; the others stop it for good unless handled here.
      if (payload.restart || this.closed) return;
      if (isMembershipRace(payload.error) && this.restarts < MAX_RESTARTS) {
        this.restarts++;
        void this.restartAfterCrash();
        return;
      }
      this.crash = payload.error;
      this.handoff.wakeup();
    });
  }

  async connect(): Promise<void> {
    await this.startConsuming();
  }

  private async startConsuming(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.autoOffsetReset === 'earliest',
    });
    await this.consumer.run({
      autoCommit: false,
      // Several partitions' batches may wait in the handoff so one poll can fill up to maxPollRecords.
      partitionsConsumedConcurrently: 4,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async poll(maxWaitMs: number): Promise<readonly FetchedRecord[]> {
    if (this.closed) throw new Error('poll() on a closed consumer');
    if (this.crash !== undefined) throw this.crash;
    if (this.pendingAssignment !== undefined) {
      await this.applyAssignment(this.pendingAssignment);
      return [];
    }
    const taken = await this.handoff.take(
      this.options.maxPollRecords,
      maxWaitMs,
      (topic, partition) => !this.paused.has(key(topic, partition)),
    );
    if (this.crash !== undefined) throw this.crash;
    const out: FetchedRecord[] = [];
    for (const record of taken) {
      const id = key(record.topic, record.partition);
      const position = this.positions.get(id);
      // Unknown position: the partition is no longer owned (its batch raced a rebalance); skip it.
      if (position === undefined || record.offset < position) continue;
      this.positions.set(id, record.offset + 1);
      out.push(record);
    }
    return out;
  }

  wakeup(): void {
    this.handoff.wakeup();
  }

  assignment(): readonly TopicPartition[] {
    return this.owned;
  }

  position({ topic, partition }: TopicPartition): number | undefined {
    return this.positions.get(key(topic, partition));
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    const id = key(topic, partition);
    if (!this.positions.has(id)) throw new Error(`cannot seek ${topic}-${partition}: it is not assigned`);
    this.positions.set(id, offset);
    this.handoff.drop((t, p) => t !== topic || p !== partition);
    this.consumer.seek({ topic, partition, offset: String(offset) });
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) this.paused.add(key(topic, partition));
    this.consumer.pause(groupByTopic(partitions));
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) this.paused.delete(key(topic, partition));
    this.consumer.resume(groupByTopic(partitions));
  }

  /**
   * Commits offsets. A commit that loses a race with a rebalance (this member's generation just ended) is
   * kept and retried with the next commit or assignment, in the new generation: the records were processed
   * and their output acknowledged, so committing them late only narrows what a new owner reprocesses, and
   * not committing them at all only means reprocessing (at-least-once), never loss.
   */
  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    for (const offset of offsets) {
      const id = key(offset.topic, offset.partition);
      (this.revoking.has(id) ? this.orphaned : this.uncommitted).set(id, offset);
    }
    await this.commitPending();
  }

  private async commitPending(): Promise<void> {
    const orphans = await this.orphansStillAhead();
    if (this.uncommitted.size === 0 && orphans.length === 0) return;
    const offsets = [...this.uncommitted.values()];
    this.uncommitted.clear();
    for (const { topic, partition } of [...offsets, ...orphans])
      this.acknowledged.delete(key(topic, partition));
    try {
      await this.consumer.commitOffsets(
        [...offsets, ...orphans].map(({ topic, partition, offset }) => ({
          topic,
          partition,
          offset: String(offset),
        })),
      );
    } catch (error) {
      if (!isLostGenerationCommit(error)) throw error;
    }
    for (const offset of offsets) {
      const id = key(offset.topic, offset.partition);
      if (this.acknowledged.get(id) === String(offset.offset) || this.uncommitted.has(id)) continue;
      this.uncommitted.set(id, offset);
    }
    for (const offset of orphans) {
      const id = key(offset.topic, offset.partition);
      if (this.acknowledged.get(id) === String(offset.offset) && this.orphaned.get(id) === offset)
        this.orphaned.delete(id);
    }
  }

  /**
   * The orphaned offsets still worth committing. A partition's new owner starts from the group's committed
   * offset, which is behind ours, and moves it forward as it commits; once the group's offset has reached
   * ours, the late commit from here is dropped, as it could only move that owner's progress back. (A commit
   * of the new owner between this read and the commit below is the one window left: it costs reprocessing
   * from our offset, never a loss, and the owner's next commit repairs it.)
   */
  private async orphansStillAhead(): Promise<TopicPartitionOffset[]> {
    if (this.orphaned.size === 0) return [];
    const group = new Map(
      (await this.committed([...this.orphaned.values()])).map((c) => [key(c.topic, c.partition), c.offset]),
    );
    const ahead: TopicPartitionOffset[] = [];
    for (const [id, offset] of [...this.orphaned]) {
      if ((group.get(id) ?? -1) >= offset.offset) this.orphaned.delete(id);
      else ahead.push(offset);
    }
    return ahead;
  }

  /** Moves pending commits of partitions this member does not own any more to the guarded late commits. */
  private orphan(ids: Iterable<string>): void {
    for (const id of ids) {
      const offset = this.uncommitted.get(id);
      if (offset === undefined) continue;
      this.uncommitted.delete(id);
      this.orphaned.set(id, offset);
    }
  }

  /**
   * At close there is no next generation to retry in, so a commit that lost a race with a rebalance (the
   * other instances leaving or joining at the same moment) is retried until kafkajs has rejoined and the
   * coordinator takes it: after a clean close every processed record's offset is committed. Bounded by the
   * time a rebalance may take; past it the close fails, naming what stays uncommitted (to be reprocessed).
   */
  private async commitBeforeLeaving(): Promise<void> {
    const deadline = Date.now() + this.closeCommitTimeoutMs();
    // Records kafkajs fetched meanwhile are not processed any more; releasing their handlers lets it rejoin.
    this.handoff.releaseAll();
    const generation = this.generation;
    await this.commitPending();
    while (this.uncommitted.size > 0 || this.orphaned.size > 0) {
      // A later generation may have given a partition to another member. That member does not necessarily
      // commit it (it may be closing too, and never process it), so the commit from here still lands, but
      // only while the group's offset is behind it (orphansStillAhead).
      const latest = this.pendingAssignment;
      if (this.generation !== generation && latest !== undefined) {
        const kept = new Set(latest.map((p) => key(p.topic, p.partition)));
        this.orphan([...this.uncommitted.keys()].filter((id) => !kept.has(id)));
      }
      if (Date.now() > deadline) {
        const left = [...this.uncommitted.values(), ...this.orphaned.values()].map(
          (o) => `${o.topic}-${o.partition}@${o.offset}`,
        );
        throw new Error(
          `closing ${this.options.groupId}: the group coordinator did not accept the final commit of ` +
            `${left.join(', ')} within ${this.closeCommitTimeoutMs()} ms (rebalancing); those records will be processed again`,
        );
      }
      await delay(COMMIT_RETRY_MS);
      await this.commitPending();
    }
  }

  private closeCommitTimeoutMs(): number {
    return (
      (this.timeouts.sessionTimeoutMs ?? DEFAULT_GROUP_TIMEOUTS.sessionTimeoutMs) +
      (this.timeouts.rebalanceTimeoutMs ?? DEFAULT_GROUP_TIMEOUTS.rebalanceTimeoutMs)
    );
  }

  async committed(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const topics = [...new Set(partitions.map((p) => p.topic))];
    const wanted = new Set(partitions.map((p) => key(p.topic, p.partition)));
    const out: TopicPartitionOffset[] = [];
    for (const { topic, partitions: found } of await this.admin.fetchOffsets({
      groupId: this.options.groupId,
      topics,
    })) {
      for (const { partition, offset } of found) {
        const value = Number(offset);
        if (value >= 0 && wanted.has(key(topic, partition))) out.push({ topic, partition, offset: value });
      }
    }
    return out;
  }

  groupMetadata(): ConsumerGroupMetadata {
    // kafkajs does not expose the generation id; its TxnOffsetCommit sends only the group id, so the count
    // of joins seen here is informational.
    return { groupId: this.options.groupId, memberId: this.memberId, generationId: this.generation };
  }

  releaseLost(partitions: readonly TopicPartition[]): void {
    const lost = new Set(partitions.map((p) => key(p.topic, p.partition)));
    this.owned = this.owned.filter((p) => !lost.has(key(p.topic, p.partition)));
    for (const id of lost) {
      this.positions.delete(id);
      // The new owner commits these partitions now; an older offset from here must not overwrite that.
      this.uncommitted.delete(id);
      this.orphaned.delete(id);
    }
    this.handoff.drop((topic, partition) => !lost.has(key(topic, partition)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.owned.length > 0) await this.options.listener.onPartitionsRevoked(this.owned);
      this.closing = true;
      await this.commitBeforeLeaving();
    } finally {
      this.closed = true;
      this.owned = [];
      this.positions.clear();
      this.handoff.releaseAll();
      // Stops fetching, waits for handlers (released above) and leaves the group.
      await this.consumer.disconnect();
    }
  }

  private async onBatch({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    // While closing, nothing is processed any more (kafkajs commits nothing itself: autoCommit is off).
    if (this.closed || this.closing) return;
    const { topic, partition } = batch;
    const records = batch.messages.map((message) => fromKafkaMessage(topic, partition, message));
    const outcome = this.handoff.offer(topic, partition, records);
    // Keep the membership alive while the runner works through a long batch; a heartbeat that reports a
    // rebalance rejects, and kafkajs then rejoins once every handler has returned.
    for (;;) {
      const settled = await Promise.race([outcome, delay(this.heartbeatEveryMs())]);
      if (settled !== undefined) return;
      try {
        await heartbeat();
      } catch (error) {
        this.handoff.drop((t, p) => t !== topic || p !== partition);
        throw error;
      }
    }
  }

  /** Rejoins after a crash kafkajs will not recover from by itself; fatal if rejoining fails too. */
  private async restartAfterCrash(): Promise<void> {
    try {
      await delay(200 * this.restarts);
      if (!this.closed) await this.startConsuming();
    } catch (error) {
      this.crash = error instanceof Error ? error : new Error(String(error));
      this.handoff.wakeup();
    }
  }

  private heartbeatEveryMs(): number {
    return this.timeouts.heartbeatIntervalMs ?? DEFAULT_GROUP_TIMEOUTS.heartbeatIntervalMs;
  }

  private async applyAssignment(next: TopicPartition[]): Promise<void> {
    this.pendingAssignment = undefined;
    if (this.lostMembership) await this.losePartitions();
    const nextKeys = new Set(next.map((p) => key(p.topic, p.partition)));
    const currentKeys = new Set(this.owned.map((p) => key(p.topic, p.partition)));
    const revoked = this.owned.filter((p) => !nextKeys.has(key(p.topic, p.partition)));
    const added = next.filter((p) => !currentKeys.has(key(p.topic, p.partition)));
    // Another member owns the revoked partitions already (kafkajs rejoined before telling), so what is
    // committed for them from here on goes through the guard of orphansStillAhead.
    this.revoking = new Set(revoked.map((p) => key(p.topic, p.partition)));
    this.orphan(this.revoking);
    await this.commitPending();
    if (revoked.length > 0) {
      this.handoff.drop((topic, partition) => nextKeys.has(key(topic, partition)));
      try {
        await this.options.listener.onPartitionsRevoked(revoked);
      } finally {
        this.revoking = new Set();
      }
      for (const { topic, partition } of revoked) this.positions.delete(key(topic, partition));
    }
    this.revoking = new Set();
    this.owned = next;
    // Called even with nothing new, as Kafka does: it tells the runner the rebalance is over.
    const standbys = this.pendingStandbys;
    if (added.length === 0) await this.options.listener.onPartitionsAssigned([]);
    if (added.length > 0) {
      // The tasks are created first: under exactly_once_v2 that fences their previous owners, whose open
      // transactions (with offsets) are then committed or aborted, so the offsets read below are final.
      await this.options.listener.onPartitionsAssigned(added);
      const committed = new Map(
        (await this.committed(added)).map((c) => [key(c.topic, c.partition), c.offset] as const),
      );
      const fresh = added.filter((p) => !committed.has(key(p.topic, p.partition)));
      const start = new Map<string, number>();
      if (fresh.length > 0) {
        for (const tp of await this.startOffsets(fresh)) start.set(key(tp.topic, tp.partition), tp.offset);
      }
      for (const { topic, partition } of added) {
        const id = key(topic, partition);
        let position = committed.get(id) ?? start.get(id) ?? 0;
        // Back here before the late commit landed: those records were processed and their output (with the
        // changelog writes the restore reads back) sent, so they are not processed again.
        const orphan = this.orphaned.get(id);
        this.orphaned.delete(id);
        if (orphan !== undefined && orphan.offset > position) {
          position = orphan.offset;
          this.uncommitted.set(id, orphan);
        }
        this.positions.set(id, position);
      }
    }
    // After the actives: a standby of a task just taken over here is promoted, not kept.
    await this.options.listener.onStandbysAssigned?.(standbys);
  }

  /** Drops everything owned under a member id the coordinator has forgotten, without committing it. */
  private async losePartitions(): Promise<void> {
    this.lostMembership = false;
    const lost = this.owned;
    this.owned = [];
    // What was processed under the old member id and sent, but not committed, is still committed (guarded):
    // the partition's next owner may be closing and never process it again, and a clean close must leave
    // every processed offset committed.
    this.orphan([...this.uncommitted.keys()]);
    this.handoff.drop(() => false);
    for (const { topic, partition } of lost) this.positions.delete(key(topic, partition));
    if (lost.length === 0) return;
    const { listener } = this.options;
    if (listener.onPartitionsLost !== undefined) await listener.onPartitionsLost(lost);
    else await listener.onPartitionsRevoked(lost);
  }

  /** Where kafkajs starts partitions without a commit (its fromBeginning), as positions. */
  private async startOffsets(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const out: TopicPartitionOffset[] = [];
    for (const topic of new Set(partitions.map((p) => p.topic))) {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      for (const { partition, low, high } of offsets) {
        if (!partitions.some((p) => p.topic === topic && p.partition === partition)) continue;
        out.push({
          topic,
          partition,
          offset: Number(this.options.autoOffsetReset === 'earliest' ? low : high),
        });
      }
    }
    return out;
  }
}

function groupByTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = byTopic.get(topic) ?? [];
    list.push(partition);
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, partitions: list }));
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
