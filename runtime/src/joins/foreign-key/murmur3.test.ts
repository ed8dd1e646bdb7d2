// Vectors from Kafka's streams/src/test/java/org/apache/kafka/streams/state/internals/Murmur3Test.java
// (testMurmur3_128, seed 123).
import { describe, expect, it } from 'vitest';
import { hash128, hash128Bytes } from './murmur3.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const signed = ([a, b]: [bigint, bigint]): [bigint, bigint] => [BigInt.asIntN(64, a), BigInt.asIntN(64, b)];

describe('murmur3 hash128', () => {
  const cases: [Uint8Array, [bigint, bigint]][] = [
    [utf8('21'), [5857341059704281894n, -5288187638297930763n]],
    [utf8('foobar'), [-351361463397418609n, 8959716011862540668n]],
    [utf8('a-little-bit-long-string'), [8836256500583638442n, -198172363548498523n]],
    [utf8('a-little-bit-longer-string'), [1838346159335108511n, 8794688210320490705n]],
    [
      utf8('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'),
      [-4024021876037397259n, -1482317706335141238n],
    ],
    [new Uint8Array([0x61, 0x62, 0x63]), [1489494923063836066n, -5440978547625122829n]],
  ];
  it.each(cases)('matches Kafka for %s', (data, expected) => {
    expect(signed(hash128(data, 123))).toEqual(expected);
  });

  it('writes the two halves big-endian', () => {
    const bytes = hash128Bytes(utf8('foobar'));
    const view = new DataView(bytes.buffer);
    expect([view.getBigUint64(0), view.getBigUint64(8)]).toEqual(hash128(utf8('foobar')));
    expect(hash128Bytes(utf8('foobaz'))).not.toEqual(bytes);
  });
});
