import type { Serde } from '../serdes/serde.js';
import type { KeyValue } from '../state/key-value-store.js';
import type { CapturedRecord, OutputRecord } from './test-record.js';

/** Reads what the topology produced to one topic, oldest first (Kafka's TestOutputTopic). */
export class TestOutputTopic<K, V> {
  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    private readonly queue: () => CapturedRecord[],
  ) {}

  readRecord(): OutputRecord<K, V> {
    const raw = this.queue().shift();
    if (!raw) throw new Error(`Empty topic: ${this.name}`);
    return {
      key: raw.key === null ? null : this.keySerde.deserialize(raw.key, this.name),
      value: raw.value === null ? null : this.valueSerde.deserialize(raw.value, this.name),
      timestamp: raw.timestamp,
      headers: raw.headers,
    };
  }

  readValue(): V | null {
    return this.readRecord().value;
  }

  readKeyValue(): KeyValue<K | null, V | null> {
    const { key, value } = this.readRecord();
    return { key, value };
  }

  readRecordsToList(): OutputRecord<K, V>[] {
    const out: OutputRecord<K, V>[] = [];
    while (!this.isEmpty()) out.push(this.readRecord());
    return out;
  }

  readValuesToList(): (V | null)[] {
    return this.readRecordsToList().map((r) => r.value);
  }

  readKeyValuesToList(): KeyValue<K | null, V | null>[] {
    return this.readRecordsToList().map(({ key, value }) => ({ key, value }));
  }

  /** Latest value per key; a tombstone removes the key (Kafka's readKeyValuesToMap). Null keys are rejected. */
  readKeyValuesToMap(): Map<K, V> {
    const map = new Map<K, V>();
    for (const { key, value } of this.readRecordsToList()) {
      if (key === null)
        throw new Error(`readKeyValuesToMap: topic ${this.name} has a record with a null key`);
      if (value === null) map.delete(key);
      else map.set(key, value);
    }
    return map;
  }

  getQueueSize(): number {
    return this.queue().length;
  }

  isEmpty(): boolean {
    return this.queue().length === 0;
  }
}
