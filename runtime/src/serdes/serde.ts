// A Serde turns one type into bytes and back. Null (a tombstone or a null key) never reaches a serde: the
// engine maps null to null on both sides, as Kafka's serializers conventionally do.

export interface Serde<T> {
  serialize(value: T, topic: string): Uint8Array;
  deserialize(bytes: Uint8Array, topic: string): T;
}

/** Thrown by a serde for bytes it cannot read; the deserialization handler decides what happens next. */
export class SerdeError extends Error {
  override readonly name = 'SerdeError';
}
