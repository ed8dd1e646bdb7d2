/**
 * What a running Kafka Streams application keeps between versions: the names and layouts that must stay the
 * same for a new version to find its state, its in-flight records and its consumer offsets. Fields left
 * undefined are unknown (a describe() text says nothing of serdes), and unknown never counts as a change.
 */
export interface Footprint {
  /** application.id: the consumer group and the prefix of every internal topic; null when unknown. */
  applicationId: string | null;
  /** Where the footprint came from, for messages: "the document", "the describe() text". */
  origin: 'document' | 'describe';
  sourceTopics: string[];
  sinkTopics: string[];
  stores: StoreFootprint[];
  /** Repartition (and foreign-key subscription) topics, without the `<applicationId>-` prefix. */
  repartitionTopics: InternalTopic[];
  subTopologies: SubTopology[];
  /** Partition counts of topics, where known. */
  partitions: Record<string, number>;
  /** Groups of source topics that must have the same partition count (the inputs of one join). */
  coPartitioned: string[][];
}

export type StoreKind = 'keyValue' | 'window' | 'session' | 'versioned';

export interface StoreFootprint {
  name: string;
  /** Processors that use the store, in describe() order. */
  processors: string[];
  /** The document node owning the store, when the footprint came from a document. */
  nodeId?: string;
  /** Kafka generated the name (`…-STATE-STORE-0000000003`): it moves whenever an earlier operator is added. */
  generated: boolean;
  /** A global store is restored from its source topic: it has no changelog. */
  global: boolean;
  /** Sub-topology (task group) the store lives in. */
  subTopology: number;
  kind?: StoreKind;
  keyType?: string;
  valueType?: string;
  keySerde?: string;
  valueSerde?: string;
  windowSizeMs?: number;
  /** Advance of hopping windows, time difference of sliding windows, inactivity gap of sessions. */
  windowAdvanceMs?: number;
  graceMs?: number;
  retentionMs?: number;
  historyRetentionMs?: number;
}

export interface InternalTopic {
  name: string;
  /** The processor writing it (the repartition sink), and the document node that makes it. */
  writer: string;
  nodeId?: string;
  partitions?: number;
}

export interface SubTopology {
  id: number;
  global: boolean;
  sourceTopics: string[];
  stores: string[];
}

/** `<applicationId>-<store>-changelog`, the topic a store is restored from. */
export const changelogTopic = (appId: string | null, store: string): string =>
  `${appId ?? '<application.id>'}-${store}-changelog`;

export const internalTopic = (appId: string | null, name: string): string =>
  `${appId ?? '<application.id>'}-${name}`;

export const GENERATED_STORE = /-STATE-STORE-\d{10}$/;
