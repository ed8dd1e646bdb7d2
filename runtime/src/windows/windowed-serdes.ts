import { SerdeError, type Serde } from '../serdes/serde.js';
import { readLong, writeLong } from './store-keys.js';
import type { Windowed } from './window.js';

/**
 * Kafka's TimeWindowedSerializer layout, [key][start:8]: the end is not written, so reading back needs the
 * window size (Kafka's TimeWindowedDeserializer takes it too).
 */
export function timeWindowedSerde<K>(inner: Serde<K>, windowSizeMs: number): Serde<Windowed<K>> {
  return {
    serialize(value, topic) {
      const key = inner.serialize(value.key, topic);
      const out = new Uint8Array(key.length + 8);
      out.set(key, 0);
      writeLong(out, key.length, value.window.start);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 8) throw new SerdeError(`windowed key of topic "${topic}" is shorter than 8 bytes`);
      const n = bytes.length - 8;
      const start = readLong(bytes, n);
      return {
        key: inner.deserialize(bytes.slice(0, n), topic),
        window: { start, end: start + windowSizeMs },
      };
    },
  };
}

/** Kafka's SessionWindowedSerializer layout, [key][end:8][start:8]. */
export function sessionWindowedSerde<K>(inner: Serde<K>): Serde<Windowed<K>> {
  return {
    serialize(value, topic) {
      const key = inner.serialize(value.key, topic);
      const out = new Uint8Array(key.length + 16);
      out.set(key, 0);
      writeLong(out, key.length, value.window.end);
      writeLong(out, key.length + 8, value.window.start);
      return out;
    },
    deserialize(bytes, topic) {
      if (bytes.length < 16)
        throw new SerdeError(`session-windowed key of topic "${topic}" is shorter than 16 bytes`);
      const n = bytes.length - 16;
      return {
        key: inner.deserialize(bytes.slice(0, n), topic),
        window: { start: readLong(bytes, n + 8), end: readLong(bytes, n) },
      };
    },
  };
}
