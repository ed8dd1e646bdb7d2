import { SerdeError, type Serde } from '../../serdes/serde.js';
import type { PseudoTopic } from './pseudo-topics.js';

/** A subscription's key in the subscription store: the foreign key first, so one prefix scan finds them all. */
export interface CombinedKey<KO, K> {
  readonly foreignKey: KO;
  readonly primaryKey: K;
}

/**
 * Kafka's CombinedKeySchema: `{4-byte foreign-key length}{foreign key}{primary key}`. The serde topics are the
 * pseudo topics Kafka passes (`<subscription topic>-fk` / `-pk`), for serdes that look at them.
 */
export class CombinedKeySchema<KO, K> {
  constructor(
    private readonly foreignKeySerde: Serde<KO>,
    private readonly foreignKeyTopic: PseudoTopic,
    private readonly primaryKeySerde: Serde<K>,
    private readonly primaryKeyTopic: PseudoTopic,
  ) {}

  toBytes(foreignKey: KO, primaryKey: K): Uint8Array {
    const fk = this.foreignKeySerde.serialize(foreignKey, this.foreignKeyTopic.name);
    const pk = this.primaryKeySerde.serialize(primaryKey, this.primaryKeyTopic.name);
    const out = new Uint8Array(4 + fk.length + pk.length);
    new DataView(out.buffer).setInt32(0, fk.length);
    out.set(fk, 4);
    out.set(pk, 4 + fk.length);
    return out;
  }

  prefixBytes(foreignKey: KO): Uint8Array {
    const fk = this.foreignKeySerde.serialize(foreignKey, this.foreignKeyTopic.name);
    const out = new Uint8Array(4 + fk.length);
    new DataView(out.buffer).setInt32(0, fk.length);
    out.set(fk, 4);
    return out;
  }

  fromBytes(bytes: Uint8Array): CombinedKey<KO, K> {
    if (bytes.length < 4) throw new SerdeError('combined key is shorter than its length prefix');
    const fkLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(0);
    if (fkLength < 0 || 4 + fkLength > bytes.length)
      throw new SerdeError('combined key has a bad length prefix');
    return {
      foreignKey: this.foreignKeySerde.deserialize(
        bytes.subarray(4, 4 + fkLength),
        this.foreignKeyTopic.name,
      ),
      primaryKey: this.primaryKeySerde.deserialize(bytes.subarray(4 + fkLength), this.primaryKeyTopic.name),
    };
  }
}

/** Kafka's Bytes.increment: the smallest byte string greater than every string starting with `prefix`. */
export function incrementBytes(prefix: Uint8Array): Uint8Array | null {
  const out = prefix.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i] = (out[i] as number) + 1;
      return out.subarray(0, i + 1);
    }
  }
  return null;
}

export function hasPrefix(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
