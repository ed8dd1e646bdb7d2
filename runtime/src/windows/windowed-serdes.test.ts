import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { SerdeError } from '../serdes/serde.js';
import { sessionWindowedSerde, timeWindowedSerde } from './windowed-serdes.js';

describe('windowed serdes', () => {
  it('time-windowed keys are [key][start] (Kafka TimeWindowedSerializer); the end comes from the size', () => {
    const serde = timeWindowedSerde(Serdes.string(), 60_000);
    const bytes = serde.serialize({ key: 'k', window: { start: 120_000, end: 180_000 } }, 't');
    expect(bytes.length).toBe(9);
    expect(serde.deserialize(bytes, 't')).toEqual({ key: 'k', window: { start: 120_000, end: 180_000 } });
  });

  it('session-windowed keys are [key][end][start]', () => {
    const serde = sessionWindowedSerde(Serdes.string());
    const key = { key: 'user', window: { start: 5, end: 9 } };
    const bytes = serde.serialize(key, 't');
    expect(bytes.length).toBe(4 + 16);
    expect(bytes[4 + 7]).toBe(9);
    expect(serde.deserialize(bytes, 't')).toEqual(key);
  });

  it('short input is a SerdeError, which reaches the deserialization handler', () => {
    expect(() => timeWindowedSerde(Serdes.string(), 10).deserialize(new Uint8Array(3), 't')).toThrow(
      SerdeError,
    );
    expect(() => sessionWindowedSerde(Serdes.string()).deserialize(new Uint8Array(10), 't')).toThrow(
      SerdeError,
    );
  });
});
