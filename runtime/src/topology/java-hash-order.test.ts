import { describe, expect, it } from 'vitest';
import { javaHashSetOrder, javaStringHash } from './java-hash-order.js';

describe('javaStringHash', () => {
  it('matches java.lang.String#hashCode', () => {
    // Values computed by the JVM: "hello".hashCode() == 99162322, "".hashCode() == 0,
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE.
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });
});

describe('javaHashSetOrder', () => {
  it('orders by bucket index, not by insertion', () => {
    // "a" (97) and "q" (113) share bucket 1 and keep their insertion order there; "b" (98) is in bucket 2.
    expect(javaHashSetOrder(['b', 'q', 'a'])).toEqual(['q', 'a', 'b']);
  });
});
