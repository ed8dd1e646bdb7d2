import { describe, expect, it } from 'vitest';
import { formatField, parseField, parseTimestamp } from './record-text.js';

describe('sample record fields', () => {
  it('reads JSON for json topics and says why text is not JSON', () => {
    expect(parseField('{"user":"u1"}', 'json')).toEqual({ ok: true, value: { user: 'u1' } });
    const bad = parseField('{"user":', 'json');
    expect(bad.ok).toBe(false);
    expect(formatField({ user: 'u1' }, 'json')).toBe('{"user":"u1"}');
  });

  it('keeps strings as typed, reads numbers for long/double, and an empty field as null', () => {
    expect(parseField('42', 'string')).toEqual({ ok: true, value: '42' });
    expect(parseField('42', 'long')).toEqual({ ok: true, value: 42 });
    expect(parseField('4.5', 'long').ok).toBe(false);
    expect(parseField('4.5', 'double')).toEqual({ ok: true, value: 4.5 });
    expect(parseField('', 'json')).toEqual({ ok: true, value: null });
  });

  it('takes whole, non-negative timestamps', () => {
    expect(parseTimestamp('1000')).toEqual({ ok: true, value: 1000 });
    expect(parseTimestamp('-1').ok).toBe(false);
    expect(parseTimestamp('')).toEqual({ ok: true, value: undefined });
  });
});
