import { SerdeError, type Serde } from '../../serdes/serde.js';
import type { PseudoTopic } from './pseudo-topics.js';

// What travels through the foreign-key join's two internal topics (Kafka's SubscriptionWrapper and
// SubscriptionResponseWrapper), byte for byte in Kafka's layout so the topics read the same in both runtimes.

/** What the right side must do with a subscription (Kafka's SubscriptionWrapper.Instruction, same bytes). */
export enum Instruction {
  /** Unsubscribe; send nothing. */
  DELETE_KEY_NO_PROPAGATE = 0,
  /** Unsubscribe and send (key, null). */
  DELETE_KEY_AND_PROPAGATE = 1,
  /** The foreign key changed: send the right value, or null when there is none. */
  PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE = 2,
  /** First subscription: send the right value only if there is one. */
  PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE = 3,
}

export interface SubscriptionWrapper<K> {
  /** Murmur3 of the left value that sent it (16 bytes), null for a deleted left record. */
  readonly hash: Uint8Array | null;
  readonly instruction: Instruction;
  readonly primaryKey: K;
  /** Partition of the left record, so the response returns to the task that holds it. */
  readonly primaryPartition: number | null;
}

export interface SubscriptionResponseWrapper<VO> {
  readonly originalValueHash: Uint8Array | null;
  readonly foreignValue: VO | null;
  readonly primaryPartition: number | null;
}

const SUBSCRIPTION_VERSION = 1;
const RESPONSE_VERSION = 0;
const HASH_NULL = 0x80;
const HASH_BYTES = 16;

function instructionFrom(byte: number, topic: string): Instruction {
  if (byte < 0 || byte > 3) throw new SerdeError(`unknown subscription instruction ${byte} in "${topic}"`);
  return byte as Instruction;
}

/**
 * Kafka's SubscriptionWrapperSerde (version 1): `{isHashNull bit, 7-bit version}{instruction}{16-byte hash?}
 * {primary key}{4-byte primary partition}`. A missing partition is written as -1.
 */
export function subscriptionWrapperSerde<K>(
  primaryKeySerde: Serde<K>,
  primaryKeyTopic: PseudoTopic,
): Serde<SubscriptionWrapper<K>> {
  return {
    serialize(data) {
      const pk = primaryKeySerde.serialize(data.primaryKey, primaryKeyTopic.name);
      const hashLength = data.hash === null ? 0 : HASH_BYTES;
      const out = new Uint8Array(2 + hashLength + pk.length + 4);
      out[0] = data.hash === null ? SUBSCRIPTION_VERSION | HASH_NULL : SUBSCRIPTION_VERSION;
      out[1] = data.instruction;
      if (data.hash !== null) out.set(data.hash, 2);
      out.set(pk, 2 + hashLength);
      new DataView(out.buffer).setInt32(out.length - 4, data.primaryPartition ?? -1);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 2) throw new SerdeError(`truncated subscription record in "${topic}"`);
      const version = (bytes[0] as number) & 0x7f;
      if (version > SUBSCRIPTION_VERSION)
        throw new SerdeError(`subscription record version ${version} in "${topic}" is not supported`);
      const hashNull = ((bytes[0] as number) & HASH_NULL) !== 0;
      const instruction = instructionFrom(bytes[1] as number, topic);
      const hashLength = hashNull ? 0 : HASH_BYTES;
      const tail = version > 0 ? 4 : 0;
      const pkEnd = bytes.length - tail;
      if (pkEnd < 2 + hashLength) throw new SerdeError(`truncated subscription record in "${topic}"`);
      const hash = hashNull ? null : bytes.slice(2, 2 + hashLength);
      const primaryKey = primaryKeySerde.deserialize(
        bytes.subarray(2 + hashLength, pkEnd),
        primaryKeyTopic.name,
      );
      let primaryPartition: number | null = null;
      if (version > 0) {
        const p = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(pkEnd);
        primaryPartition = p < 0 ? null : p;
      }
      return { hash, instruction, primaryKey, primaryPartition };
    },
  };
}

/**
 * Kafka's SubscriptionResponseWrapperSerde: `{isHashNull bit, 7-bit version}{16-byte hash?}{foreign value}`.
 * An empty value means null, as in Kafka. The partition is not written: it only routes the record.
 */
export function responseWrapperSerde<VO>(
  foreignValueSerde: Serde<VO>,
): Serde<SubscriptionResponseWrapper<VO>> {
  return {
    serialize(data, topic) {
      const value = data.foreignValue === null ? null : foreignValueSerde.serialize(data.foreignValue, topic);
      const hashLength = data.originalValueHash === null ? 0 : HASH_BYTES;
      const out = new Uint8Array(1 + hashLength + (value?.length ?? 0));
      out[0] = data.originalValueHash === null ? RESPONSE_VERSION | HASH_NULL : RESPONSE_VERSION;
      if (data.originalValueHash !== null) out.set(data.originalValueHash, 1);
      if (value !== null) out.set(value, 1 + hashLength);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 1) throw new SerdeError(`empty subscription response in "${topic}"`);
      const version = (bytes[0] as number) & 0x7f;
      if (version > RESPONSE_VERSION)
        throw new SerdeError(`subscription response version ${version} in "${topic}" is not supported`);
      const hashNull = ((bytes[0] as number) & HASH_NULL) !== 0;
      const start = hashNull ? 1 : 1 + HASH_BYTES;
      if (bytes.length < start) throw new SerdeError(`truncated subscription response in "${topic}"`);
      const originalValueHash = hashNull ? null : bytes.slice(1, start);
      const foreignValue =
        bytes.length > start ? foreignValueSerde.deserialize(bytes.subarray(start), topic) : null;
      return { originalValueHash, foreignValue, primaryPartition: null };
    },
  };
}

/** Byte equality of hashes or serialized keys (null equals only null). */
export function sameHash(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
