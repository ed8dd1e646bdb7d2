// The shapes DSL operators hand each other while building: what a KStream or KTable is made of, without the
// classes. Operators outside dsl/ (joins, windows, versioned tables) take and return these, so they never import
// the KStream or KTable class (which import them): dsl/ builds the class around what they return.

import type { ProcessorContext } from '../processor/api.js';
import type { Serde } from '../serdes/serde.js';
import type { ValueAndTimestamp } from '../state/timestamped-key-value-store.js';
import type { DslContext } from './dsl-context.js';
import type { TableState } from './table-processors.js';

/** What window and join operators need to extend a stream (see DslContext). */
export interface KStreamInternals<K, V> {
  readonly context: DslContext;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** A key-changing operation happened upstream: grouping or joining must repartition first. */
  readonly repartitionRequired: boolean;
}

/** Looks up a table's current value by key from inside a processor (joins use it on the other side). */
export interface KTableValueGetter<K, V> {
  init(context: ProcessorContext<unknown, unknown>): void;
  get(key: K): ValueAndTimestamp<V> | null;
  /** Only on getters of versioned tables (KIP-914): the value as of a timestamp. */
  getAsOf?(key: K, asOfTimestamp: number): ValueAndTimestamp<V> | null;
}

export interface KTableValueGetterSupplier<K, V> {
  /** Stores the getter reads: connect them to the processor that uses it. */
  readonly storeNames: readonly string[];
  get(): KTableValueGetter<K, V>;
}

export interface KTableInternals<K, V> {
  readonly context: DslContext;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** Shared with the table's processor: set `sendOldValues` through `enableSendingOldValues`. */
  readonly state: TableState;
  /** Whether the table reads from a versioned store (its own, or upstream through stateless operators). */
  readonly versioned: boolean;
  /** Asks upstream for old values in every change (materializing a source table if needed). */
  enableSendingOldValues(): void;
  valueGetterSupplier(): KTableValueGetterSupplier<K, V>;
}

/** A table with its own store (a materialized operator result), as a join result may be. */
export interface StoreOrigin {
  readonly kind: 'store';
  /** `enableUpstreamOldValues`: what an operator result (a join) must ask its parents when asked for old values. */
  readonly enableUpstreamOldValues?: () => void;
}

/** Values computed by an operator from other tables (an unmaterialized table–table join result). */
export interface GetterOrigin {
  readonly kind: 'getter';
  readonly supplier: () => KTableValueGetterSupplier<unknown, unknown>;
  readonly enableUpstreamOldValues?: () => void;
}

/** What a table operator outside dsl/ built: dsl/ wraps it in a KTable. */
export interface BuiltTable<K, V> {
  readonly context: DslContext;
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly state: TableState;
  readonly origin: StoreOrigin | GetterOrigin;
}
