import type { KafkaConfig } from 'kafkajs';
import type { MemoryCluster } from '../cluster/memory-cluster.js';
import type { DeserializationHandler } from '../errors/deserialization-handler.js';
import type { ProcessingHandler } from '../errors/processing-handler.js';
import type { StreamsTransport } from './transport.js';

export type ProcessingGuarantee = 'at_least_once' | 'exactly_once_v2';

/** What to do when a record cannot be written (Kafka's ProductionExceptionHandler). */
export type ProductionHandler = 'fail' | ((error: unknown, topic: string) => 'continue' | 'fail');

export interface StreamsConfig {
  readonly applicationId: string;
  /** The embedded cluster to run on. */
  readonly cluster?: MemoryCluster;
  /** Kafka bootstrap servers; the kafka transport (runtime/src/kafka/) is used. */
  readonly brokers?: readonly string[];
  readonly ssl?: KafkaConfig['ssl'];
  readonly sasl?: KafkaConfig['sasl'];
  /** A ready transport (tests, custom clusters); takes precedence over `cluster` and `brokers`. */
  readonly transport?: StreamsTransport;
  readonly clientId?: string;
  readonly processingGuarantee?: ProcessingGuarantee;
  /** How often offsets are committed (Kafka's commit.interval.ms). Default 30000, or 100 with exactly-once. */
  readonly commitIntervalMs?: number;
  /**
   * Bytes of the record cache (Kafka's statestore.cache.max.bytes), default 10 MiB: updates of DSL stores are
   * deduplicated per key and forwarded (and logged) on eviction or commit. 0 forwards every update.
   */
  readonly cacheMaxBytes?: number;
  /** Interval of `on('metrics')` snapshots. Default 1000. */
  readonly metricsIntervalMs?: number;
  /** Upper bound on records per processing batch (max.poll.records). Default 500. */
  readonly maxPollRecords?: number;
  /** How long a poll waits for records when there are none (and so the wall-clock punctuation tick). Default 100. */
  readonly pollMs?: number;
  /** Where a partition without committed offset starts. Default 'earliest', as in Kafka Streams. */
  readonly autoOffsetReset?: 'earliest' | 'latest';
  /** Partitions of repartition topics when they cannot be derived from source topics. */
  readonly defaultRepartitionPartitions?: number;
  /** What to do with records that cannot be deserialized (`DeserializationHandlers.*`). Default fail. */
  readonly deserializationExceptionHandler?: DeserializationHandler;
  /** What to do with records whose processing throws in user code (`ProcessingHandlers.*`). Default fail. */
  readonly processingExceptionHandler?: ProcessingHandler;
  readonly productionExceptionHandler?: ProductionHandler;
  /**
   * Directory for persistent state (Kafka's state.dir): logged stores are kept on disk with a checkpoint of
   * changelog offsets, so a restart restores only the changelog's tail. Unset: state lives in memory and is
   * restored from the whole changelog.
   */
  readonly stateDir?: string;
  /**
   * Standby replicas of every stateful task (Kafka's num.standby.replicas), default 0: other instances keep a
   * copy of the task's stores current from its changelog, and the group's assignor moves the task to such an
   * instance when its own goes away, so failover restores only the changelog's tail. Placed by the Kafka
   * transport's group protocol; not with `stateDir`, and the embedded cluster places none.
   */
  readonly numStandbyReplicas?: number;
  /** Wall clock for punctuation and metrics; default Date.now. */
  readonly now?: () => number;
}

export interface ResolvedStreamsConfig {
  readonly applicationId: string;
  readonly clientId: string;
  readonly processingGuarantee: ProcessingGuarantee;
  readonly commitIntervalMs: number;
  readonly cacheMaxBytes: number;
  readonly metricsIntervalMs: number;
  readonly maxPollRecords: number;
  readonly pollMs: number;
  readonly autoOffsetReset: 'earliest' | 'latest';
  readonly defaultRepartitionPartitions: number;
  readonly deserializationExceptionHandler: DeserializationHandler;
  readonly processingExceptionHandler: ProcessingHandler;
  readonly productionExceptionHandler: ProductionHandler;
  readonly stateDir: string | undefined;
  readonly numStandbyReplicas: number;
  readonly now: () => number;
}

const APPLICATION_ID = /^[a-zA-Z0-9._-]+$/;
/** Kafka's default statestore.cache.max.bytes. */
export const DEFAULT_CACHE_MAX_BYTES = 10 * 1024 * 1024;

export function resolveConfig(config: StreamsConfig): ResolvedStreamsConfig {
  if (typeof config.applicationId !== 'string' || !APPLICATION_ID.test(config.applicationId)) {
    throw new TypeError(
      `applicationId must be a non-empty string of [a-zA-Z0-9._-] (it prefixes internal topic names), got ${JSON.stringify(config.applicationId)}`,
    );
  }
  const targets = [config.transport, config.cluster, config.brokers].filter((t) => t !== undefined).length;
  if (targets === 0) {
    throw new TypeError('KafkaStreams needs somewhere to run: pass `cluster` (a MemoryCluster) or `brokers`');
  }
  if (config.cluster !== undefined && config.brokers !== undefined) {
    throw new TypeError('pass either `cluster` or `brokers`, not both');
  }
  if (config.brokers !== undefined && config.brokers.length === 0) {
    throw new TypeError('`brokers` must list at least one host:port');
  }
  const guarantee = config.processingGuarantee ?? 'at_least_once';
  if (guarantee !== 'at_least_once' && guarantee !== 'exactly_once_v2') {
    throw new TypeError(
      `processingGuarantee must be 'at_least_once' or 'exactly_once_v2', got ${String(guarantee)}`,
    );
  }
  return {
    applicationId: config.applicationId,
    clientId: config.clientId ?? config.applicationId,
    processingGuarantee: guarantee,
    commitIntervalMs: nonNegative(
      config.commitIntervalMs ?? (guarantee === 'exactly_once_v2' ? 100 : 30_000),
      'commitIntervalMs',
    ),
    cacheMaxBytes: nonNegative(config.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES, 'cacheMaxBytes'),
    metricsIntervalMs: positive(config.metricsIntervalMs ?? 1000, 'metricsIntervalMs'),
    maxPollRecords: positive(config.maxPollRecords ?? 500, 'maxPollRecords'),
    pollMs: nonNegative(config.pollMs ?? 100, 'pollMs'),
    autoOffsetReset: config.autoOffsetReset ?? 'earliest',
    defaultRepartitionPartitions: positive(
      config.defaultRepartitionPartitions ?? 1,
      'defaultRepartitionPartitions',
    ),
    deserializationExceptionHandler: config.deserializationExceptionHandler ?? { kind: 'fail' },
    processingExceptionHandler: errorHandler(config.processingExceptionHandler, 'processingExceptionHandler'),
    productionExceptionHandler: config.productionExceptionHandler ?? 'fail',
    stateDir: stateDir(config.stateDir),
    numStandbyReplicas: standbyReplicas(config),
    now: config.now ?? Date.now,
  };
}

function standbyReplicas(config: StreamsConfig): number {
  const replicas = config.numStandbyReplicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new RangeError(`numStandbyReplicas must be a non-negative integer, got ${replicas}`);
  }
  if (replicas > 0 && config.stateDir !== undefined) {
    // A standby keeps its copy in memory; promoting it would leave the disk copy behind the checkpoint the
    // active task then writes.
    throw new TypeError('numStandbyReplicas cannot be combined with stateDir yet; use one or the other');
  }
  return replicas;
}

function stateDir(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('stateDir must be a non-empty path');
  return dir;
}

function errorHandler(handler: ProcessingHandler | undefined, name: string): ProcessingHandler {
  if (handler === undefined) return { kind: 'fail' };
  const kinds = ['fail', 'logAndContinue', 'deadLetter'];
  if (typeof handler !== 'object' || handler === null || !kinds.includes(handler.kind)) {
    throw new TypeError(
      `${name} must be one of ProcessingHandlers.fail(), .logAndContinue(), .deadLetter(topic)`,
    );
  }
  if (handler.kind === 'deadLetter' && (typeof handler.topic !== 'string' || handler.topic.length === 0)) {
    throw new TypeError(`${name}: deadLetter needs a topic name`);
  }
  return handler;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}
