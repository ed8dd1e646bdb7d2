import type { Topology } from '../topology/topology.js';
import type { TopicSpec } from './transport.js';

/** Thrown before starting when the cluster lacks what the topology reads (Kafka's MissingSourceTopicException). */
export class MissingSourceTopicError extends Error {
  override readonly name = 'MissingSourceTopicError';
  constructor(readonly topics: readonly string[]) {
    super(
      `source topic${topics.length > 1 ? 's' : ''} ${topics.join(', ')} ${topics.length > 1 ? 'do' : 'does'} not exist; create ${topics.length > 1 ? 'them' : 'it'} before starting the application`,
    );
  }
}

export interface SubtopologyPlan {
  readonly id: number;
  /** Resolved source topics (repartition topics prefixed with the application id). */
  readonly sourceTopics: readonly string[];
  /** Number of tasks: the partition count shared by the source topics. */
  readonly partitions: number;
}

export interface TopicPlan {
  readonly subtopologies: readonly SubtopologyPlan[];
  /** Repartition and changelog topics to create. */
  readonly internalTopics: readonly TopicSpec[];
  /** Resolved names of the repartition topics. */
  readonly repartitionTopics: readonly string[];
  /** Resolved topics of global stores. */
  readonly globalTopics: readonly string[];
  /** Partition counts of every topic the plan knows. */
  readonly partitionCounts: ReadonlyMap<string, number>;
}

/**
 * Works out the internal topics as Kafka Streams does: a repartition topic gets the partition count of the
 * sub-topology writing into it (its `repartition({ numberOfPartitions })` if set), a changelog gets one
 * partition per task of the store's sub-topology. `existing` holds the partition counts of the user's topics.
 */
export function planTopics(
  topology: Topology,
  applicationId: string,
  existing: ReadonlyMap<string, number>,
  defaultRepartitionPartitions: number,
): TopicPlan {
  const builder = topology.internalBuilder;
  const subtopologies = builder.subtopologies();
  const counts = new Map(existing);
  const resolve = (topic: string): string => builder.resolveTopic(applicationId, topic);

  const missing = new Set<string>();
  for (const sub of subtopologies) {
    for (const topic of sub.sourceTopics)
      if (!builder.internalTopics.has(topic) && !counts.has(topic)) missing.add(topic);
  }
  for (const global of builder.globalStores()) if (!counts.has(global.topic)) missing.add(global.topic);
  if (missing.size > 0) throw new MissingSourceTopicError([...missing].sort());

  // Repartition topics fed by other repartition topics need their writer's count first: iterate to a fixpoint.
  for (const [topic, fixed] of builder.internalTopics)
    if (fixed !== undefined) counts.set(resolve(topic), fixed);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [topic] of builder.internalTopics) {
      const name = resolve(topic);
      if (counts.has(name)) continue;
      let max = 0;
      let known = true;
      // Co-partitioned with its reader (foreign-key joins): count the reader's other sources, not the writer's
      // (leaving out its other topics of this kind, which wait on the same count).
      const fromReader = builder.readerCopartitionedTopics.has(topic);
      const counted = fromReader
        ? subtopologies.filter((s) => s.sourceTopics.includes(topic))
        : subtopologies.filter((s) => s.sinkTopics.includes(topic));
      for (const sub of counted) {
        for (const source of sub.sourceTopics) {
          if (fromReader && builder.readerCopartitionedTopics.has(source)) continue;
          const count = counts.get(resolve(source));
          if (count === undefined) known = false;
          else max = Math.max(max, count);
        }
      }
      if (known && max > 0) {
        counts.set(name, max);
        changed = true;
      }
    }
  }
  for (const [topic] of builder.internalTopics) {
    if (!counts.has(resolve(topic))) counts.set(resolve(topic), defaultRepartitionPartitions);
  }

  const plans: SubtopologyPlan[] = [];
  const internalTopics: TopicSpec[] = [];
  for (const [topic] of builder.internalTopics) {
    const name = resolve(topic);
    internalTopics.push({ name, partitions: counts.get(name)!, config: { 'cleanup.policy': 'delete' } });
  }
  for (const sub of subtopologies) {
    const sourceTopics = sub.sourceTopics.map(resolve);
    const sourceCounts = new Set(sourceTopics.map((t) => counts.get(t)!));
    if (sourceCounts.size > 1) {
      throw new Error(
        `sub-topology ${sub.id} reads topics with different partition counts (${sourceTopics
          .map((t) => `${t}: ${counts.get(t)}`)
          .join(', ')}); co-partitioned sources must have the same number of partitions`,
      );
    }
    const partitions = [...sourceCounts][0] ?? 1;
    plans.push({ id: sub.id, sourceTopics, partitions });
    for (const storeName of sub.storeNames) {
      const entry = builder.stores.get(storeName);
      if (entry === undefined || !entry.builder.loggingEnabled) continue;
      internalTopics.push({
        name: builder.changelogTopic(applicationId, storeName),
        partitions,
        config: { 'cleanup.policy': 'compact' },
      });
    }
  }
  return {
    subtopologies: plans,
    internalTopics,
    repartitionTopics: [...builder.internalTopics.keys()].map(resolve),
    globalTopics: builder.globalStores().map((g) => g.topic),
    partitionCounts: counts,
  };
}

/** The non-internal topics a topology reads or writes by name, whose partition counts the plan needs. */
export function externalTopics(topology: Topology): string[] {
  const builder = topology.internalBuilder;
  const topics = new Set<string>();
  for (const sub of builder.subtopologies()) {
    for (const topic of sub.sourceTopics) if (!builder.internalTopics.has(topic)) topics.add(topic);
    for (const topic of sub.sinkTopics) if (!builder.internalTopics.has(topic)) topics.add(topic);
  }
  for (const global of builder.globalStores()) topics.add(global.topic);
  return [...topics];
}
