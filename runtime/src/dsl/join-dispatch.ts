import type { JoinType, Joined, OuterValueJoiner, StreamJoined } from '../joins/dsl/options.js';
import { joinStreams } from '../joins/dsl/stream-stream.js';
import { joinStreamGlobalTable, joinStreamTable } from '../joins/dsl/stream-table.js';
import { joinTables } from '../joins/dsl/table-table.js';
import { JoinWindows } from '../windows/join-windows.js';
import { GlobalKTable } from './global-ktable.js';
import { KStream } from './kstream.js';
import { KTable } from './ktable.js';
import type { KeyValueMapper, Materialized, Named } from './options.js';

// KStream#join/leftJoin/outerJoin are overloaded on what they join with (a stream and JoinWindows, a table, or
// a global table and a key selector), as in Kafka. The overload signatures on KStream give callers their
// types; here the arguments arrive erased and are checked at run time, so a wrong call fails with a clear error.
// The builders in joins/dsl return what they built; the KStream or KTable around it is made here, so joins/
// never imports the classes that import it.

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
    const joined = joinStreams(
      self.internals(),
      other.internals(),
      fn(a, 'the joiner'),
      b,
      type,
      opts<StreamJoined<unknown, unknown, unknown>>(c),
    );
    return KStream.fromInternals(joined);
  }
  if (type === 'outer')
    throw new TypeError('KStream#outerJoin joins only with another stream (and JoinWindows)');
  if (other instanceof KTable) {
    return KStream.fromInternals(
      joinStreamTable(
        self.internals(),
        other.internals(),
        fn(a, 'the joiner'),
        type === 'left',
        opts<Joined<unknown, unknown>>(b),
      ),
    );
  }
  if (other instanceof GlobalKTable) {
    const selector = fn<KeyValueMapper<unknown, unknown, unknown>>(a, 'the key selector');
    return KStream.fromInternals(
      joinStreamGlobalTable(
        self.internals(),
        other,
        selector,
        fn(b, 'the joiner'),
        type === 'left',
        opts<Named>(c),
      ),
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
  const built = joinTables(
    self.internals(),
    other.internals(),
    fn(joiner, 'the joiner'),
    type,
    opts<Materialized<unknown, unknown>>(options),
  );
  return new KTable(
    built.context,
    built.nodeName,
    built.keySerde,
    built.valueSerde,
    built.state,
    built.origin,
  );
}
