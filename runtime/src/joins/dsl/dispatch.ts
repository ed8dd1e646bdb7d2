import { GlobalKTable } from '../../dsl/global-ktable.js';
import { KStream } from '../../dsl/kstream.js';
import { KTable } from '../../dsl/ktable.js';
import type { KeyValueMapper, Materialized, Named } from '../../dsl/options.js';
import { JoinWindows } from '../../windows/join-windows.js';
import type { JoinType, Joined, OuterValueJoiner, StreamJoined } from './options.js';
import { joinStreams } from './stream-stream.js';
import { joinStreamGlobalTable, joinStreamTable } from './stream-table.js';
import { joinTables } from './table-table.js';

// KStream#join/leftJoin/outerJoin are overloaded on what they join with (a stream and JoinWindows, a table, or
// a global table and a key selector), as in Kafka. The overload signatures on KStream give callers their
// types; here the arguments arrive erased and are checked at run time, so a wrong call fails with a clear error.

type AnyJoiner = OuterValueJoiner<unknown, unknown, unknown, unknown>;

/** Checks a callback argument; its signature was checked by the overloads at compile time. */
function fn<F = AnyJoiner>(value: unknown, what: string): F {
  if (typeof value !== 'function') throw new TypeError(`${what} must be a function`);
  return value as F;
}

function opts<T extends object>(value: unknown): T {
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null) throw new TypeError('join options must be an object');
  return value as T;
}

export function joinStream(
  self: KStream<unknown, unknown>,
  other: unknown,
  args: readonly unknown[],
  type: JoinType,
): KStream<unknown, unknown> {
  const method = type === 'inner' ? 'join' : type === 'left' ? 'leftJoin' : 'outerJoin';
  const [a, b, c] = args;
  if (other instanceof KStream) {
    if (!(b instanceof JoinWindows)) throw new TypeError(`KStream#${method} with a stream needs JoinWindows`);
    return joinStreams(
      self.internals(),
      other.internals(),
      fn(a, 'the joiner'),
      b,
      type,
      opts<StreamJoined<unknown, unknown, unknown>>(c),
    );
  }
  if (type === 'outer')
    throw new TypeError('KStream#outerJoin joins only with another stream (and JoinWindows)');
  if (other instanceof KTable) {
    return joinStreamTable(
      self.internals(),
      other.internals(),
      fn(a, 'the joiner'),
      type === 'left',
      opts<Joined<unknown, unknown>>(b),
    );
  }
  if (other instanceof GlobalKTable) {
    const selector = fn<KeyValueMapper<unknown, unknown, unknown>>(a, 'the key selector');
    return joinStreamGlobalTable(
      self.internals(),
      other,
      selector,
      fn(b, 'the joiner'),
      type === 'left',
      opts<Named>(c),
    );
  }
  throw new TypeError(`KStream#${method} joins with a KStream, a KTable or a GlobalKTable`);
}

export function joinTable(
  self: KTable<unknown, unknown>,
  other: unknown,
  joiner: unknown,
  options: unknown,
  type: JoinType,
): KTable<unknown, unknown> {
  if (!(other instanceof KTable)) throw new TypeError('KTable joins take another KTable');
  return joinTables(
    self.internals(),
    other.internals(),
    fn(joiner, 'the joiner'),
    type,
    opts<Materialized<unknown, unknown>>(options),
  );
}
