import type { z } from 'zod';
import type { DocumentNode } from '../schema/document.js';
import type { FlowInfo, FlowKind } from '../schema/flow.js';
import type { Call } from './expr.js';

export const PALETTE_GROUPS = [
  'Sources',
  'Stateless',
  'Stateful',
  'Windows',
  'Joins',
  'Sinks',
  'Custom',
] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

export interface InputPort {
  id: string;
  label: string;
  accepts: readonly FlowKind[];
}

export interface OutputPort {
  id: string;
  label: string;
}

/** What a kind's `infer` sees: its config (already schema-checked) and the flows arriving on its ports. */
export interface InferContext<C> {
  node: DocumentNode;
  config: C;
  inputs: Readonly<Record<string, FlowInfo>>;
}

/** A refusal from `infer`: the inputs and config do not fit together (reported on the node). */
export interface InferError {
  error: string;
  field?: string;
}

export interface EmitContext<C> extends InferContext<C> {
  /** Flows leaving the node's output ports, as `infer` computed them. */
  outputs: Readonly<Record<string, FlowInfo>>;
}

/**
 * The node's code: method calls applied to its receiver (`builder` for sources, else the flow on its first
 * input port). Other inputs appear as `ref` expressions naming their port.
 */
export interface Emission {
  calls: Call[];
}

/** What a recogniser recovers from a statement: the config, and which variable feeds each extra input port. */
export interface Recognised<C> {
  config: C;
  refs: Record<string, string>;
}

/**
 * The function type a code field is checked against: what the runtime's method types that lambda as, with
 * the types of the records flowing into the node. Parameters are by position (the user names them).
 */
export interface LambdaType {
  params: ReadonlyArray<{ name: string; type: string }>;
  result: string;
}

/**
 * Outputs a node's statement gives as a map rather than as flows (`split()` keys its branches by the split's
 * name plus the branch name): downstream code reads a port with `.get(key)`.
 */
export interface OutputMap {
  /** What every key of node `id`'s map starts with; a key is this prefix plus the output port id. */
  prefix: (id: string) => string;
  /** The node id a statement's `name` stands for (a split is named by its prefix). */
  idOfName: (name: string) => string;
}

/** A processor name a node gives besides its own id (a split names each branch), for the uniqueness check. */
export interface ExtraName {
  name: string;
  /** How the problem names it (`branch "big"`). */
  what: string;
  field: string;
}

/** One node kind: everything the palette, inspector, validation, generator and parser know about it. */
export interface KindSpec<C = Record<string, unknown>> {
  kind: string;
  label: string;
  group: PaletteGroup;
  help: string;
  inputs: readonly InputPort[];
  /** Output ports; may depend on config (branch has one port per branch). */
  outputs: (config: C) => OutputPort[];
  /**
   * The version of the config schema, 1 until its shape first changes; a stored config of an older version
   * is brought up by `configMigrations` when the document loads.
   */
  configVersion?: number;
  /** `configMigrations[n]` turns a version-n config (raw stored JSON) into version n + 1. */
  configMigrations?: Readonly<Record<number, (config: Record<string, unknown>) => Record<string, unknown>>>;
  /** Config schema; fields carry `.meta({ label, editor, help, signature })` for the inspector. */
  config: z.ZodType<C>;
  defaults: (id: string) => C;
  /** Flows on every output port, or why the inputs do not fit. */
  infer: (ctx: InferContext<C>) => Record<string, FlowInfo> | InferError;
  emit: (ctx: EmitContext<C>) => Emission;
  /**
   * Recovers config from the method calls of a statement, or null when the calls are not this kind. Where
   * the code alone is ambiguous it returns the alternatives; the parser keeps the one the input flows fit.
   */
  recognise: (calls: readonly Call[]) => Recognised<C> | Array<Recognised<C>> | null;
  /** Whether the node changes the record key (drives the repartition note before grouping and joins). */
  changesKey?: boolean | ((config: C) => boolean);
  /**
   * The function type of each code field, by field path (`joiner`, `branches.0.predicate`), given the flows
   * arriving on the node's ports (a port not connected yet is missing from `inputs`).
   */
  lambdas?: (ctx: InferContext<C>) => Record<string, LambdaType>;
  /**
   * A kind that reads (`source`) or writes (`sink`) a topic named by its `topic` field, with its serdes in
   * `keySerde`/`valueSerde` (types in `keyType`/`valueType`); `topics()` lists them for every reader.
   */
  endpoint?: 'source' | 'sink';
  /**
   * How `Topology#describe()` shows the kind: the prefixes of the names Kafka Streams generates for its
   * processors (`KSTREAM-FILTER-`), which the describe() importer reads back into this kind.
   */
  kafkaNames?: readonly string[];
  /**
   * A grouping, which describe() shows no processor of its own for: `byKey` is put in front of an aggregation
   * fed directly, `bySelectedKey` stands for a key selection (a `kafkaNames` it shares) that feeds one.
   */
  grouping?: 'byKey' | 'bySelectedKey';
  /**
   * A pass-through kind that runs the code in this config field for every record of a stream: the session
   * inserts one on each edge it taps.
   */
  tapField?: string;
  /** Set when the node's outputs are read from a map its statement gives, not as flow variables. */
  outputMap?: OutputMap;
  /** Processor names the node gives besides its id; each must not be another node's id. */
  extraNames?: (id: string, config: C) => ExtraName[];
  /** The base of new node ids, where the kind's last name part reads wrong as a processor name. */
  idBase?: string;
  /** Repartition topics this node makes Kafka Streams create, without the `<applicationId>-` prefix. */
  repartitions?: (ctx: InferContext<C>) => string[];
}

/** A join's two inputs: the left flow on `in` (the receiver of its call), the right one on `right`. */
export const joinInputs = (left: FlowKind, right: FlowKind): InputPort[] => [
  { id: 'in', label: 'left', accepts: [left] },
  { id: 'right', label: 'right', accepts: [right] },
];

/** The main output port of single-output kinds. */
export const OUT: OutputPort = { id: 'out', label: 'out' };
export const single = (): OutputPort[] => [OUT];
export const none = (): OutputPort[] => [];

/** The entry with the processor-name prefixes Kafka Streams gives it in describe(). */
export const namedInKafka = (spec: KindSpec, ...kafkaNames: string[]): KindSpec => ({ ...spec, kafkaNames });

/** Erases a kind's config type so entries of different kinds fit one table. */
export const defineKind = <C>(spec: KindSpec<C>): KindSpec => spec as unknown as KindSpec;
