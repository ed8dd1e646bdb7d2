import { describe, expect, it } from 'vitest';
import { bytesKey } from './bytes.js';

const reference = (bytes: Uint8Array): string => [...bytes].map((b) => String.fromCharCode(b)).join('');

describe('bytesKey', () => {
  it('maps each byte to one UTF-16 unit, for short and chunked long keys', () => {
    const short = new Uint8Array([0, 1, 127, 128, 255]);
    const long = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31) & 0xff);
    expect(bytesKey(short)).toBe(reference(short));
    expect(bytesKey(long)).toBe(reference(long));
    expect(bytesKey(new Uint8Array(0))).toBe('');
  });
});
