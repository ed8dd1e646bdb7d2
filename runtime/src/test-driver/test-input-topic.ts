import type { Serde } from '../serdes/serde.js';
import type { KeyValue } from '../state/key-value-store.js';
import type { Headers } from '../processor/api.js';
import type { TestRecord } from './test-record.js';

export interface TestInputTopicOptions<K, V> {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  /** Timestamp of the first record piped without one (default: the driver's wall-clock time). */
  readonly startTimestamp?: number;
  /** How far the topic's time moves after each record piped without a timestamp (default 0). */
  readonly autoAdvanceMs?: number;
}

/** Pipes records into the driver; each call processes synchronously before returning (Kafka's TestInputTopic). */
export class TestInputTopic<K, V> {
  private currentTime: number;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    private readonly pipe: (
      topic: string,
      key: Uint8Array | null,
      value: Uint8Array | null,
      timestamp: number,
      headers: Headers,
    ) => void,
    startTimestamp: number,
    private readonly autoAdvanceMs: number,
  ) {
    if (autoAdvanceMs < 0) throw new RangeError('autoAdvanceMs must not be negative');
    this.currentTime = startTimestamp;
  }

  pipeInput(key: K | null, value: V | null, timestamp?: number): void {
    this.pipeRecord({ key, value, ...(timestamp === undefined ? {} : { timestamp }) });
  }

  pipeRecord(record: TestRecord<K, V>): void {
    let timestamp = record.timestamp;
    if (timestamp === undefined) {
      timestamp = this.currentTime;
      this.currentTime += this.autoAdvanceMs;
    }
    this.pipe(
      this.name,
      record.key === null ? null : this.keySerde.serialize(record.key, this.name),
      record.value === null ? null : this.valueSerde.serialize(record.value, this.name),
      timestamp,
      record.headers ?? new Map(),
    );
  }

  /** Pipes each pair; timestamps start at `startTimestamp` (or the topic's time) and grow by `advanceMs`. */
  pipeKeyValueList(
    list: readonly KeyValue<K | null, V | null>[],
    startTimestamp?: number,
    advanceMs = 0,
  ): void {
    let timestamp = startTimestamp;
    for (const { key, value } of list) {
      this.pipeInput(key, value, timestamp);
      if (timestamp !== undefined) timestamp += advanceMs;
    }
  }

  pipeValueList(values: readonly (V | null)[], startTimestamp?: number, advanceMs = 0): void {
    this.pipeKeyValueList(
      values.map((value) => ({ key: null, value })),
      startTimestamp,
      advanceMs,
    );
  }

  pipeRecordList(records: readonly TestRecord<K, V>[]): void {
    for (const record of records) this.pipeRecord(record);
  }

  /** Moves the time used for records piped without a timestamp. */
  advanceTime(ms: number): void {
    if (ms < 0) throw new RangeError('advanceTime expects a non-negative duration');
    this.currentTime += ms;
  }
}
