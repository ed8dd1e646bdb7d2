import type { Headers, ProcessorSupplier } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';

/** Picks a record's event time; defaults to the timestamp the record carries. */
export type TimestampExtractor = (
  key: unknown,
  value: unknown,
  recordTimestamp: number,
  partitionTime: number,
) => number;

/** Chooses the output topic per record (`to((key, value, ctx) => topic)`). */
export type TopicNameExtractor<K = unknown, V = unknown> = (
  key: K,
  value: V,
  context: { topic: string | null; partition: number; offset: number; timestamp: number; headers: Headers },
) => string;

/** Chooses the output partition; undefined leaves it to the producer's default partitioner. */
export type StreamPartitioner<K = unknown, V = unknown> = (
  topic: string,
  key: K,
  value: V,
  numPartitions: number,
) => number | undefined;

// Serdes, suppliers and extractors are stored type-erased: the graph holds nodes of many types, and the DSL
// guarantees each node's types line up with its neighbours'.
export type AnySerde = Serde<unknown>;
export type AnyProcessorSupplier = ProcessorSupplier<unknown, unknown, unknown, unknown>;

export interface SourceNodeDef {
  readonly kind: 'source';
  readonly name: string;
  readonly topics: readonly string[];
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly timestampExtractor: TimestampExtractor | undefined;
  readonly predecessors: readonly string[];
}

export interface ProcessorNodeDef {
  readonly kind: 'processor';
  readonly name: string;
  readonly supplier: AnyProcessorSupplier;
  readonly predecessors: readonly string[];
  /** Connected stores in connection order (Kafka keeps them in a set; order matters only for describe). */
  readonly stores: string[];
}

export interface SinkNodeDef {
  readonly kind: 'sink';
  readonly name: string;
  readonly topic: string | TopicNameExtractor;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly partitioner: StreamPartitioner | undefined;
  readonly predecessors: readonly string[];
}

export type NodeDef = SourceNodeDef | ProcessorNodeDef | SinkNodeDef;
