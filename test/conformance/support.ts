// Helpers shared by the conformance tests: they read results in the shapes Kafka's tests assert on.
import {
  Serdes,
  type KTable,
  type NodeMetrics,
  type OutputRecord,
  type Topology,
  type TopologyTestDriver,
  type Windowed,
} from '../../runtime/src/index.js';

/** Kafka's KeyValueTimestamp, the triple most of its operator tests compare against. */
export interface KeyValueTimestamp<K, V> {
  key: K;
  value: V;
  timestamp: number;
}

/** Kafka's Windowed#toString: `[key@start/end]`. */
export function windowedString(key: Windowed<unknown>): string {
  return `[${String(key.key)}@${key.window.start}/${key.window.end}]`;
}

export function kvt<K, V>(key: K, value: V, timestamp: number): KeyValueTimestamp<K, V> {
  return { key, value, timestamp };
}

/** Sends a windowed table's updates to `topic` keyed by Kafka's Windowed#toString, values as JSON. */
export function windowedToTopic<V>(table: KTable<Windowed<string>, V>, topic: string): void {
  table
    .toStream()
    .map((key, value) => ({ key: windowedString(key), value }))
    .to(topic, { keySerde: Serdes.string(), valueSerde: Serdes.json<V>() });
}

export function readAll<V>(
  driver: TopologyTestDriver,
  topic: string,
): KeyValueTimestamp<string | null, V | null>[] {
  const out = driver.createOutputTopic<string, V>(topic, {
    keySerde: Serdes.string(),
    valueSerde: Serdes.json<V>(),
  });
  return out.readRecordsToList().map((r: OutputRecord<string, V>) => kvt(r.key, r.value, r.timestamp));
}

export function nodeMetrics(driver: TopologyTestDriver, nodeName: string): NodeMetrics {
  const found = driver.nodeMetrics().find((m) => m.nodeName === nodeName);
  if (!found) throw new Error(`no metrics for node ${nodeName}`);
  return found;
}

/**
 * Kafka's TestOutputTopic#readKeyValuesToMap: the last value per key, tombstones kept as null entries (the
 * foreign-key join tests assert on them).
 */
export function latestByKey<K, V>(topic: {
  readRecordsToList(): { key: K | null; value: V | null }[];
}): Map<K, V | null> {
  const map = new Map<K, V | null>();
  for (const r of topic.readRecordsToList()) {
    if (r.key === null) throw new Error('latestByKey: a record has a null key');
    map.set(r.key, r.value);
  }
  return map;
}

/** Kafka's MockApiProcessorSupplier: a processor under `parent` that records what reaches it, cleared on read. */
export function captureProcessed<K, V>(
  topology: Topology,
  parent: string,
  name = 'proc',
): () => KeyValueTimestamp<K, V>[] {
  let processed: KeyValueTimestamp<K, V>[] = [];
  topology.addProcessor<K, V, never, never>(
    name,
    () => ({
      process: (record) => {
        processed.push(kvt(record.key, record.value, record.timestamp));
      },
    }),
    parent,
  );
  return () => {
    const result = processed;
    processed = [];
    return result;
  };
}
