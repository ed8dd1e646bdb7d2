// The Processor API, mirroring org.apache.kafka.streams.processor.api: every DSL operator is built from
// these, and users implement them directly through KStream#process / #processValues.

export type Headers = Map<string, Uint8Array | string>;

/** A record flowing through the processor graph (Kafka's `api.Record`; renamed to avoid TS's `Record`). */
export interface StreamRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;
}

/** Where the record being processed came from; absent for records created by a punctuator. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export type PunctuationType = 'STREAM_TIME' | 'WALL_CLOCK_TIME';

export interface Cancellable {
  cancel(): void;
}

export interface StateStore {
  readonly name: string;
  /** Number of entries, for store metrics. */
  approximateNumEntries(): number;
}

export interface ProcessorContext<KForward, VForward> {
  readonly applicationId: string;
  readonly taskId: string;
  /** Metadata of the input record currently being processed, or null inside a punctuator. */
  recordMetadata(): RecordMetadata | null;
  currentStreamTimeMs(): number;
  currentSystemTimeMs(): number;
  /** Forward to all children, or only to the named child. */
  forward<K extends KForward, V extends VForward>(record: StreamRecord<K, V>, childName?: string): void;
  schedule(intervalMs: number, type: PunctuationType, punctuator: (timestamp: number) => void): Cancellable;
  getStateStore<S extends StateStore>(name: string): S;
  commit(): void;
}

export interface Processor<KIn, VIn, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void;
  process(record: StreamRecord<KIn, VIn>): void;
  close?(): void;
}

export type ProcessorSupplier<KIn, VIn, KOut = never, VOut = never> = () => Processor<KIn, VIn, KOut, VOut>;

/** A processor that may change only values: its output key is always its input key. */
export interface FixedKeyProcessor<KIn, VIn, VOut = never> {
  init?(context: ProcessorContext<KIn, VOut>): void;
  process(record: StreamRecord<KIn, VIn>): void;
  close?(): void;
}

export type FixedKeyProcessorSupplier<KIn, VIn, VOut = never> = () => FixedKeyProcessor<KIn, VIn, VOut>;
