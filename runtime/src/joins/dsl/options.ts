import type { Named } from '../../dsl/options.js';
import type { Serde } from '../../serdes/serde.js';

/** Kafka's StreamJoined: serdes and names for a stream–stream join's window stores. */
export interface StreamJoined<K, V, VO> extends Named {
  /** Base name of the join stores (`<storeName>-this-join-store`, ...); generated from the processors otherwise. */
  readonly storeName?: string;
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly otherValueSerde?: Serde<VO>;
  /** Log the join stores to changelog topics (default true). */
  readonly logging?: boolean;
}

/** Kafka's Joined: serdes for repartitioning a stream before a stream–table join. */
export interface Joined<K, V> extends Named {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
}

/** Inner-join joiner: both sides present. The key comes last, so `(left, right) => …` reads like Java's ValueJoiner. */
export type ValueJoiner<K, V, VO, VR> = (left: V, right: VO, key: K) => VR;
/** Left-join joiner: `right` is null when nothing matched. */
export type LeftValueJoiner<K, V, VO, VR> = (left: V, right: VO | null, key: K) => VR;
/** Outer-join joiner: either side may be null. */
export type OuterValueJoiner<K, V, VO, VR> = (left: V | null, right: VO | null, key: K) => VR;

export type JoinType = 'inner' | 'left' | 'outer';
