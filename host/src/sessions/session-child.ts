// Entry point of a run session's child process: transpiles the generated topology, runs it with
// KafkaStreams (embedded MemoryCluster or Kafka) and talks to the host over Node IPC. User code runs only
// here, so a crash or an endless loop costs this process, never the designer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The runtime's Kafka entry first: its kafkajs fixes (the read-committed filter) go in before kafkajs loads.
import { KafkaTransport } from '@topograph/runtime/kafka';
import { logLevel, type Admin, type Producer } from 'kafkajs';
import type { StoreEntry, TopicRecord } from '@topograph/api';
import * as runtime from '@topograph/runtime';
import type {
  ChildError,
  ChildMessage,
  HostMessage,
  HostRequest,
  ReplyPayload,
  SessionInit,
} from './protocol.js';
import { kafkaClientSettings } from '../kafka-connection.js';
import { readLatest } from './kafka-topic-reader.js';
import { loadTopology } from './load-topology.js';
import { RecordingCluster } from './recording-cluster.js';
import { TapBuffer, TAP_GLOBAL } from './tap-buffer.js';
import { toWire } from './wire-value.js';
import { RecordGenerator } from './record-generator.js';

type AnySerde = runtime.Serde<unknown>;
type Streams = InstanceType<typeof runtime.KafkaStreams>;

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

function childError(e: unknown): ChildError {
  const error = e instanceof Error ? e : new Error(String(e));
  const nodeName = (error as { nodeName?: unknown }).nodeName;
  // The runtime wraps the user's exception; its stack (the throw site in topology.ts) is in the cause.
  const cause = (error as { cause?: unknown }).cause;
  const stack =
    cause instanceof Error && cause.stack ? `${error.message}\n${cause.stack}` : (error.stack ?? null);
  return { message: error.message, stack, nodeName: typeof nodeName === 'string' ? nodeName : null };
}

function serdeOf(name: string): AnySerde {
  const factory = (runtime.Serdes as unknown as Record<string, (() => AnySerde) | undefined>)[name];
  if (!factory) throw new Error(`unknown serde "${name}"`);
  return factory();
}

class Session {
  private streams: Streams | null = null;
  private cluster: InstanceType<typeof runtime.MemoryCluster> | null = null;
  private readonly taps = new TapBuffer((tapId, records) => send({ type: 'tap', tapId, records }));
  private readonly generators = new Map<string, RecordGenerator>();
  private serdes = new Map<string, { key: AnySerde; value: AnySerde }>();
  private dir = '';
  private kafkaProducer: Producer | null = null;
  private testData: KafkaTransport | null = null;
  private kafka: SessionInit['kafka'] | null = null;
  private documentName = '';
  private applicationId = '';

  async start(init: SessionInit): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'topograph-session-'));
    for (const t of [...init.sources, ...init.sinks])
      this.serdes.set(t.topic, { key: serdeOf(t.keySerde), value: serdeOf(t.valueSerde) });
    (globalThis as Record<string, unknown>)[TAP_GLOBAL] = this.taps.record;
    this.taps.activate(init.taps);
    const topology = await loadTopology(init.code, this.dir);
    const config: runtime.StreamsConfig = init.kafka
      ? {
          applicationId: init.applicationId,
          ...kafkaClientSettings(init.kafka),
          commitIntervalMs: 200,
          pollMs: 50,
          metricsIntervalMs: init.metricsIntervalMs,
          // Interactive use shows every update, as Kafka's demos set statestore.cache.max.bytes to 0.
          cacheMaxBytes: 0,
        }
      : {
          applicationId: init.applicationId,
          // Every embedded run records its inputs and outputs for the debugger.
          cluster: (this.cluster = new RecordingCluster(
            new Set(init.sources.map((t) => t.topic)),
            new Set(init.sinks.map((t) => t.topic)),
          )),
          metricsIntervalMs: init.metricsIntervalMs,
          // Interactive use: a record typed into the producer panel should show up at once.
          commitIntervalMs: 100,
          pollMs: 20,
          cacheMaxBytes: 0,
        };
    if (init.kafka) {
      this.kafka = init.kafka;
      // The test-data producer and the reset use the runtime's Kafka client, set up as the streams' is.
      const transport = new KafkaTransport({
        ...kafkaClientSettings(init.kafka),
        clientId: `${init.applicationId}-test-data`,
        logLevel: logLevel.WARN,
      });
      this.testData = transport;
      const { kafka } = transport;
      this.kafkaProducer = kafka.producer();
      await this.kafkaProducer.connect();
      if (init.reset)
        await resetOffsets(
          kafka.admin(),
          init.applicationId,
          init.sources.map((t) => t.topic),
        );
    }
    if (this.cluster)
      for (const t of [...init.sources, ...init.sinks])
        this.cluster.createTopic(t.topic, { partitions: init.partitions });
    this.documentName = init.documentName;
    this.applicationId = init.applicationId;
    const streams = new runtime.KafkaStreams(topology, config);
    this.streams = streams;
    streams.on('metrics', (snapshot) => send({ type: 'metrics', snapshot }));
    streams.on('error', (e) => send({ type: 'error', error: childError(e) }));
    streams.on('stateChange', (state) => send({ type: 'state', state: String(state) }));
    await streams.start();
    const description = topology.describe();
    const graph = [
      ...description.subtopologies.flatMap((st) => st.nodes),
      ...description.globalStores.flatMap((g) => [g.source, g.processor]),
    ].map((n) => ({ name: n.name, predecessors: [...n.predecessors] }));
    send({ type: 'running', graph });
  }

  async handle(request: HostRequest): Promise<{ result: ReplyPayload; after?: () => Promise<void> }> {
    if (request.type === 'produce') {
      // Appended only once the reply is on its way: the records may start a lambda that never returns, and
      // the producer panel should still hear that they were sent.
      const append = this.encode(request.topic, request.records);
      return { result: { produced: request.records.length }, after: append };
    }
    return { result: await this.answer(request) };
  }

  private async answer(request: Exclude<HostRequest, { type: 'produce' }>): Promise<ReplyPayload> {
    switch (request.type) {
      case 'generate': {
        this.generators.get(request.topic)?.stop();
        this.generators.delete(request.topic);
        if (request.ratePerSec > 0) {
          const generator = new RecordGenerator(request.samples, request.ratePerSec, (records) =>
            this.produce(request.topic, records).catch((e: unknown) =>
              send({ type: 'error', error: childError(e) }),
            ),
          );
          this.generators.set(request.topic, generator);
        }
        return { ok: true };
      }
      case 'tap':
        this.taps.activate(request.tapIds);
        return { ok: true };
      case 'query':
        return { entries: this.query(request) };
      case 'readTopic':
        return { records: await this.readTopic(request.topic, request.limit) };
      case 'recordingText':
        return { text: this.recordingText() };
    }
  }

  /** The embedded cluster's recording as `.recording.json` text; on Kafka an empty one (nothing is recorded). */
  private recordingText(): string {
    const cluster = this.cluster instanceof RecordingCluster ? this.cluster : null;
    return runtime.serializeRecording({
      document: this.documentName,
      applicationId: this.applicationId,
      startedAt: cluster?.startedAt ?? Date.now(),
      dropped: cluster?.recorder.dropped ?? 0,
      records: cluster?.recorder.records() ?? [],
    });
  }

  private async produce(
    topic: string,
    records: ReadonlyArray<{ key?: unknown; value: unknown; timestamp?: number }>,
  ): Promise<number> {
    await this.encode(topic, records)();
    return records.length;
  }

  /** Serializes records with the topic's serdes (bad input fails here) and returns the step that appends them. */
  private encode(
    topic: string,
    records: ReadonlyArray<{ key?: unknown; value: unknown; timestamp?: number }>,
  ): () => Promise<void> {
    const serdes = this.serdes.get(topic);
    if (!serdes) throw new Error(`"${topic}" is not a source or sink topic of this topology`);
    const encoded = records.map((r) => ({
      key: r.key === undefined || r.key === null ? null : serdes.key.serialize(r.key, topic),
      value: r.value === null ? null : serdes.value.serialize(r.value, topic),
      timestamp: r.timestamp ?? Date.now(),
    }));
    const cluster = this.cluster;
    if (cluster)
      return async () => {
        cluster.produce(topic, encoded);
      };
    const producer = this.kafkaProducer;
    if (!producer) throw new Error('the session has no Kafka producer');
    return async () => {
      await producer.send({
        topic,
        messages: encoded.map((r) => ({
          key: r.key === null ? null : Buffer.from(r.key),
          value: r.value === null ? null : Buffer.from(r.value),
          timestamp: String(r.timestamp),
        })),
      });
    };
  }

  private query(request: Extract<HostRequest, { type: 'query' }>): StoreEntry[] {
    if (!this.streams) throw new Error('the session is not running');
    const store = this.streams.store<unknown, unknown>(request.store);
    const q = request.query;
    const rows =
      q.kind === 'get'
        ? (() => {
            const value = store.get(q.key);
            return value === null || value === undefined ? [] : [{ key: q.key, value }];
          })()
        : q.kind === 'range'
          ? store.range(q.from ?? null, q.to ?? null)
          : store.all().slice(0, q.limit ?? 1000);
    return rows.map((r) => storeEntry(r.key, r.value));
  }

  private async readTopic(topic: string, limit: number): Promise<TopicRecord[]> {
    const cluster = this.cluster;
    const serdes = this.serdes.get(topic);
    if (!cluster) {
      if (!this.kafka) throw new Error('the session is not connected');
      return readLatest(this.kafka, topic, limit, (bytes, part) =>
        decode(part === 'key' ? serdes?.key : serdes?.value, bytes, topic),
      );
    }
    const out: TopicRecord[] = [];
    for (let p = 0; p < cluster.partitionCount(topic); p++) {
      const end = cluster.highWatermark(topic, p);
      const start = Math.max(cluster.logStartOffset(topic, p), end - limit);
      for (const r of cluster.fetch(topic, p, start, limit)) {
        out.push({
          topic,
          partition: r.partition,
          offset: r.offset,
          timestamp: r.timestamp,
          key: decode(serdes?.key, r.key, topic),
          value: decode(serdes?.value, r.value, topic),
        });
      }
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || (a.offset ?? 0) - (b.offset ?? 0)).slice(-limit);
  }

  async stop(): Promise<void> {
    for (const g of this.generators.values()) g.stop();
    this.taps.stop();
    await this.streams?.close();
    await this.kafkaProducer?.disconnect();
    await this.testData?.close();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * What Kafka's reset tool does: the application's group starts the input topics from the beginning, and its
 * internal topics (changelogs, repartition topics) are deleted so state is rebuilt rather than restored.
 */
async function resetOffsets(admin: Admin, applicationId: string, inputs: readonly string[]): Promise<void> {
  await admin.connect();
  try {
    for (const topic of inputs) await admin.resetOffsets({ groupId: applicationId, topic, earliest: true });
    const internal = (await admin.listTopics()).filter(
      (t) => t.startsWith(`${applicationId}-`) && (t.endsWith('-changelog') || t.endsWith('-repartition')),
    );
    if (internal.length > 0)
      await admin.deleteTopics({ topics: internal }).catch((e: unknown) => {
        console.error(
          `reset: could not delete ${internal.join(', ')} (${String(e)}); state will be restored`,
        );
      });
  } finally {
    await admin.disconnect();
  }
}

/** Stores built by the DSL keep a timestamp with each value (Kafka's ValueAndTimestamp); show both apart. */
function storeEntry(key: unknown, stored: unknown): StoreEntry {
  if (
    typeof stored === 'object' &&
    stored !== null &&
    Object.keys(stored).length === 2 &&
    'value' in stored &&
    'timestamp' in stored &&
    typeof stored.timestamp === 'number'
  )
    return { key: toWire(key), value: toWire(stored.value), timestamp: stored.timestamp };
  return { key: toWire(key), value: toWire(stored) };
}

function decode(serde: AnySerde | undefined, bytes: Uint8Array | null, topic: string): unknown {
  if (bytes === null) return null;
  if (!serde) return Buffer.from(bytes).toString('utf8');
  try {
    return toWire(serde.deserialize(bytes, topic));
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
}

const session = new Session();

process.on('message', (raw: HostMessage) => {
  if (raw.type === 'init') {
    session.start(raw.init).catch((e: unknown) => send({ type: 'failed', error: childError(e) }));
  } else if (raw.type === 'stop') {
    session
      .stop()
      .catch((e: unknown) => send({ type: 'error', error: childError(e) }))
      .finally(() => process.exit(0));
  } else {
    const { id, ...request } = raw;
    session
      .handle(request)
      .then(({ result, after }) => {
        const message: ChildMessage = { type: 'reply', id, result };
        if (!after) return send(message);
        process.send?.(message, undefined, {}, () => {
          after().catch((e: unknown) => send({ type: 'error', error: childError(e) }));
        });
      })
      .catch((e: unknown) => send({ type: 'reply', id, error: e instanceof Error ? e.message : String(e) }));
  }
});
// A lost host (crash, kill) must not leave an orphan running user code.
process.on('disconnect', () => process.exit(0));
