import { readInt32BE, writeInt32BE } from '../serdes/big-endian.js';
import { SerdeError, type Serde } from '../serdes/serde.js';
import { bytesRange } from '../state/bytes.js';

/**
 * What KTable processors forward to each other: the new value and, when a downstream operator asked for it
 * (groupBy, aggregations), the old one. `toStream` keeps only `newValue`.
 */
export interface Change<V> {
  readonly newValue: V | null;
  readonly oldValue: V | null;
  /**
   * False for an out-of-order update of a versioned table (KIP-914): it went into the table's history, not its
   * latest value. Absent means true.
   */
  readonly isLatest?: boolean;
}

/**
 * Carries a Change through a repartition topic (KTable#groupBy). Layout: for each of new, old a 4-byte
 * big-endian length (-1 for null) followed by the bytes.
 */
export function changeSerde<V>(inner: Serde<V>): Serde<Change<V>> {
  return {
    serialize(change, topic) {
      const n = change.newValue === null ? null : inner.serialize(change.newValue, topic);
      const o = change.oldValue === null ? null : inner.serialize(change.oldValue, topic);
      const out = new Uint8Array(8 + (n?.length ?? 0) + (o?.length ?? 0));
      let at = 0;
      for (const part of [n, o]) {
        writeInt32BE(out, at, part === null ? -1 : part.length);
        at += 4;
        if (part) {
          out.set(part, at);
          at += part.length;
        }
      }
      return out;
    },
    deserialize(bytes, topic) {
      let at = 0;
      const read = (): V | null => {
        if (at + 4 > bytes.length) throw new SerdeError(`truncated change record in topic "${topic}"`);
        const length = readInt32BE(bytes, at);
        at += 4;
        if (length < 0) return null;
        if (at + length > bytes.length) throw new SerdeError(`truncated change record in topic "${topic}"`);
        const value = inner.deserialize(bytesRange(bytes, at, at + length), topic);
        at += length;
        return value;
      };
      const newValue = read();
      const oldValue = read();
      return { newValue, oldValue };
    },
  };
}
