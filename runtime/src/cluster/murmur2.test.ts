import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './murmur2.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('murmur2', () => {
  // Expected values from Kafka's UtilsTest#testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j as Kafka does', (input, expected) => {
    expect(murmur2(bytes(input))).toBe(expected);
  });

  it('picks the same partition as kafkajs (Java-compatible) default partitioner', () => {
    const require = createRequire(import.meta.url);
    const { Partitioners } = require('kafkajs') as {
      Partitioners: {
        DefaultPartitioner: () => (args: {
          topic: string;
          partitionMetadata: { partitionId: number; leader: number }[];
          message: { key: Buffer };
        }) => number;
      };
    };
    const partitioner = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 7, 12]) {
      const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({
        partitionId,
        leader: 0,
      }));
      for (let i = 0; i < 200; i++) {
        const key = `key-${i}-${'x'.repeat(i % 5)}`;
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key: Buffer.from(key) } });
        expect(partitionForKey(bytes(key), count)).toBe(expected);
      }
    }
  });

  it('hashes the empty key', () => {
    expect(partitionForKey(new Uint8Array(0), 5)).toBe((murmur2(new Uint8Array(0)) & 0x7fffffff) % 5);
  });
});
