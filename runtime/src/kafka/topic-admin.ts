import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../streams/transport.js';
import { kafkaErrorType } from './kafka-errors.js';

/** Raised when an internal topic cannot be made to exist with the partition count the topology needs. */
export class TopicCreationError extends Error {
  override readonly name = 'TopicCreationError';
}

/** Why CreateTopics could not be used, or undefined when the error is something else (and must surface). */
function createTopicsUnsupported(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // librdkafka's mock cluster (and some proxies) implement no CreateTopics and report a controller id that
  // is not one of their brokers; kafkajs then cannot even address the request.
  if (error.name === 'KafkaJSBrokerNotFound') return `no controller broker (${error.message})`;
  if (error.name === 'KafkaJSServerDoesNotSupportApiKey') return 'the broker does not implement CreateTopics';
  const type = kafkaErrorType(error);
  if (type === 'UNSUPPORTED_VERSION' || type === 'CLUSTER_AUTHORIZATION_FAILED') return type;
  return undefined;
}

const METADATA_POLL_MS = 200;

/** kafkajs reports CreateTopics errors per topic in one aggregate; TOPIC_ALREADY_EXISTS is success here. */
function onlyAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => kafkaErrorType(e) === 'TOPIC_ALREADY_EXISTS')
  );
}

/**
 * Topic administration for the runner: partition counts, and creation of internal topics (repartition and
 * changelog topics) through CreateTopics, falling back to broker-side auto-creation where CreateTopics is
 * unavailable — and then verifying the partition counts, since auto-created topics get the broker's default
 * count, not the one the topology needs.
 */
export class TopicAdmin {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly admin: Admin,
    /** How long created topics may take to appear in the metadata (with a leader for every partition). */
    private readonly metadataWaitMs = 30_000,
  ) {}

  /** Partition counts of the topics that exist; missing topics are absent (and are not auto-created). */
  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const unknown = topics.filter((topic) => {
      const cached = this.counts.get(topic);
      if (cached !== undefined) out.set(topic, cached);
      return cached === undefined;
    });
    if (unknown.length === 0) return out;
    const existing = new Set(await this.admin.listTopics());
    const present = unknown.filter((topic) => existing.has(topic));
    if (present.length === 0) return out;
    const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics: present });
    for (const { name, partitions } of metadata) {
      this.counts.set(name, partitions.length);
      out.set(name, partitions.length);
    }
    return out;
  }

  /** The partition count of one topic, which must exist. */
  async partitionCount(topic: string): Promise<number> {
    const count = (await this.partitionCounts([topic])).get(topic);
    if (count === undefined) throw new Error(`topic ${topic} does not exist`);
    return count;
  }

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) {
      if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
        throw new RangeError(
          `topic ${spec.name}: partitions must be a positive integer, got ${spec.partitions}`,
        );
      }
    }
    const existing = await this.partitionCounts(specs.map((spec) => spec.name));
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return;
    try {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (error) {
      // Another instance of the application created them at the same moment: as good as created here.
      if (!onlyAlreadyExists(error)) {
        const reason = createTopicsUnsupported(error);
        if (reason === undefined) throw error;
        await this.autoCreate(missing, reason);
        return;
      }
    }
    // A topic another instance just created may not be in this broker's metadata yet.
    await this.awaitMetadata(missing, 'created');
    await this.verify(missing, 'created');
  }

  /** Waits (bounded) until the metadata lists every topic with a leader for each of its partitions. */
  private async awaitMetadata(specs: readonly TopicSpec[], how: string): Promise<void> {
    const names = specs.map((spec) => spec.name);
    const deadline = Date.now() + this.metadataWaitMs;
    for (;;) {
      let absent = names;
      let failure: unknown;
      try {
        const listed = new Set(await this.admin.listTopics());
        absent = names.filter((name) => !listed.has(name));
        if (absent.length === 0) {
          const { topics } = await this.admin.fetchTopicMetadata({ topics: names });
          absent = names.filter((name) => {
            const partitions = topics.find((t) => t.name === name)?.partitions ?? [];
            return partitions.length === 0 || partitions.some((p) => p.leader < 0);
          });
        }
      } catch (error) {
        // Metadata of a topic being created answers LEADER_NOT_AVAILABLE for a moment.
        failure = error;
      }
      if (absent.length === 0 && failure === undefined) return;
      if (Date.now() >= deadline) {
        throw new TopicCreationError(
          `internal topic${absent.length === 1 ? '' : 's'} ${absent.join(', ')} ${absent.length === 1 ? 'was' : 'were'} ${how}, ` +
            `but the cluster metadata did not show ${absent.length === 1 ? 'it' : 'them'} with a leader for every partition ` +
            `within ${this.metadataWaitMs} ms` +
            (failure === undefined ? '' : ` (last metadata error: ${String(failure)})`),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, METADATA_POLL_MS));
    }
  }

  /** Requesting metadata of a missing topic makes a broker with auto.create.topics.enable create it. */
  private async autoCreate(specs: readonly TopicSpec[], reason: string): Promise<void> {
    try {
      await this.admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
    } catch (error) {
      throw new TopicCreationError(
        `cannot create internal topics ${specs.map((s) => s.name).join(', ')}: CreateTopics is unavailable ` +
          `(${reason}) and auto-creation failed (${String(error)}). Create them yourself.`,
      );
    }
    await this.verify(specs, `auto-created because CreateTopics is unavailable (${reason})`);
  }

  private async verify(specs: readonly TopicSpec[], how: string): Promise<void> {
    for (const spec of specs) this.counts.delete(spec.name);
    const counts = await this.partitionCounts(specs.map((spec) => spec.name));
    for (const spec of specs) {
      const actual = counts.get(spec.name);
      if (actual === spec.partitions) continue;
      throw new TopicCreationError(
        actual === undefined
          ? `internal topic ${spec.name} does not exist after it was ${how}`
          : `internal topic ${spec.name} was ${how} with ${actual} partitions, but the topology needs ` +
              `${spec.partitions}. Create it yourself with ${spec.partitions} partitions` +
              (spec.config === undefined ? '' : ` and configs ${JSON.stringify(spec.config)}`) +
              ', or give the source topics the broker default partition count.',
      );
    }
  }
}
