/** The serdes a document can name for a topic's keys and values (Kafka Streams' built-in ones, plus JSON). */
export const SERDES = ['string', 'json', 'long', 'double', 'bytes'] as const;
export type SerdeName = (typeof SERDES)[number];

/** What flows along an edge: the Kafka Streams abstraction a port produces or accepts. */
export const FLOW_KINDS = [
  'stream',
  'table',
  'globalTable',
  'groupedStream',
  'groupedTable',
  'windowedStream',
  'sessionWindowedStream',
] as const;

export type FlowKind = (typeof FLOW_KINDS)[number];

/** Human names, for refusal reasons and the canvas legend (Kafka Streams' own class names). */
export const FLOW_LABELS: Record<FlowKind, string> = {
  stream: 'KStream',
  table: 'KTable',
  globalTable: 'GlobalKTable',
  groupedStream: 'KGroupedStream',
  groupedTable: 'KGroupedTable',
  windowedStream: 'TimeWindowedKStream',
  sessionWindowedStream: 'SessionWindowedKStream',
};

/** What is known about the records leaving a port; computed by walking the graph from the sources. */
export interface FlowInfo {
  flow: FlowKind;
  /** TypeScript type expression of the key (already `Windowed<K>` for windowed results). */
  keyType: string;
  /** TypeScript type expression of the value. */
  valueType: string;
  /** Results of a windowed aggregation (keys are `Windowed<K>`). */
  windowed: boolean;
  /**
   * Node id of the first key-changing operation since the last repartition, or null when the key is still
   * the one the source topics are partitioned by.
   */
  keyChangedBy: string | null;
  /** Topics this flow is partitioned like (source topics, or a repartition topic). */
  partitionedLike: string[];
  /** Partition count when known (from the source or repartition config). */
  partitions: number | null;
  /**
   * The serdes the records were read with, while their key/value are still what the source read (an operator
   * that changes a side's type drops that side's serde). Sinks write with these unless they set their own.
   */
  keySerde?: SerdeName;
  valueSerde?: SerdeName;
}

/** The serde a sink writes a side with when it sets none: the flow's own, else one that fits the type. */
export function flowSerde(info: FlowInfo | undefined, side: 'key' | 'value'): SerdeName {
  const own = side === 'key' ? info?.keySerde : info?.valueSerde;
  if (own) return own;
  const type = (side === 'key' ? info?.keyType : info?.valueType)?.trim();
  if (type === 'string') return 'string';
  if (type === 'number') return 'long';
  if (type === 'Uint8Array') return 'bytes';
  return 'json';
}
