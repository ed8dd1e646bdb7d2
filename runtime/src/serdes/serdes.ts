import { SerdeError, type Serde } from './serde.js';
import { readInt64BE, writeInt64BE } from './big-endian.js';
import { encodeUtf8 } from './utf8.js';

// fatal: invalid UTF-8 must reach the deserialization handler rather than turn into U+FFFD silently.
const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array, topic: string): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new SerdeError(`invalid UTF-8 in a record of topic "${topic}"`, { cause });
  }
}

const stringSerde: Serde<string> = {
  serialize: (value) => encodeUtf8(value),
  deserialize: (bytes, topic) => decodeUtf8(bytes, topic),
};

function checkWidth(bytes: Uint8Array, width: number, what: string, topic: string): void {
  if (bytes.byteLength !== width) {
    throw new SerdeError(
      `${what} deserializer expects ${width} bytes but a record of topic "${topic}" has ${bytes.byteLength}`,
    );
  }
}

function fixedWidth(bytes: Uint8Array, width: number, what: string, topic: string): DataView {
  checkWidth(bytes, width, what, topic);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Java's LongSerializer writes 8 bytes big-endian; numbers are accepted for convenience, bigints for values
// beyond 2^53. Counts are serialized on every update, so numbers take the byte-by-byte path (big-endian.ts).
const longSerde: Serde<number | bigint> & Serde<number> = {
  serialize(value: number | bigint): Uint8Array {
    const out = new Uint8Array(8);
    if (typeof value === 'bigint') {
      new DataView(out.buffer).setBigInt64(0, BigInt.asIntN(64, value));
    } else {
      if (!Number.isInteger(value))
        throw new SerdeError(`Serdes.long() cannot serialize ${value}: not an integer`);
      writeInt64BE(out, 0, value);
    }
    return out;
  },
  deserialize(bytes: Uint8Array, topic: string): number {
    checkWidth(bytes, 8, 'Serdes.long()', topic);
    return readInt64BE(bytes, 0);
  },
};

const doubleSerde: Serde<number> = {
  serialize(value) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setFloat64(0, value);
    return out;
  },
  deserialize: (bytes, topic) => fixedWidth(bytes, 8, 'Serdes.double()', topic).getFloat64(0),
};

const bytesSerde: Serde<Uint8Array> = {
  serialize: (value) => value,
  deserialize: (bytes) => bytes,
};

function jsonSerde<T>(): Serde<T> {
  return {
    serialize: (value) => encodeUtf8(JSON.stringify(value)),
    deserialize(bytes, topic) {
      const text = decodeUtf8(bytes, topic);
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new SerdeError(`invalid JSON in a record of topic "${topic}"`, { cause });
      }
    },
  };
}

export const Serdes = {
  string: (): Serde<string> => stringSerde,
  /** 8-byte big-endian, compatible with Java's LongSerializer; reads back as a number. */
  long: (): Serde<number> => longSerde,
  /** Like long(), but typed to accept bigint input too. */
  longOrBigInt: (): Serde<number | bigint> => longSerde,
  double: (): Serde<number> => doubleSerde,
  bytes: (): Serde<Uint8Array> => bytesSerde,
  json: <T>(): Serde<T> => jsonSerde<T>(),
} as const;

/** What the DSL uses where no serde was given and none can be inherited. */
export function defaultSerde<T>(): Serde<T> {
  return jsonSerde<T>();
}
