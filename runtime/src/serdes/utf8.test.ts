import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from './utf8.js';

describe('encodeUtf8', () => {
  const encoder = new TextEncoder();
  it.each([
    ['empty', ''],
    ['ascii word', 'kafka'],
    ['ascii at the short limit', 'x'.repeat(64)],
    ['long ascii', 'streams '.repeat(40)],
    ['latin-1', 'café crème'],
    ['cjk', '卡夫卡流'],
    ['surrogate pair', 'emoji 🎉 here'],
    ['control characters', '\u0000\u0001\u007f'],
  ])('encodes %s exactly as TextEncoder does', (_name, text) => {
    expect(encodeUtf8(text)).toEqual(encoder.encode(text));
  });
});
