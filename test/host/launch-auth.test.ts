import { describe, expect, it } from 'vitest';
import { LaunchAuth, newSecret, sameSecret } from '../../host/src/server/launch-auth.js';

const clean = (url: string): string => LaunchAuth.cleanUrl(new URL(url, 'http://127.0.0.1:4000'));

describe('launch credentials', () => {
  it('are 256 random bits each, different every launch', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  it('compare whole secrets only', () => {
    const s = newSecret();
    expect(sameSecret(s, s)).toBe(true);
    expect(sameSecret(s.slice(0, -1), s)).toBe(false);
    expect(sameSecret(`${s}x`, s)).toBe(false);
    expect(sameSecret('', s)).toBe(false);
    expect(sameSecret(undefined, s)).toBe(false);
    // Same length in characters, not in bytes: must not reach timingSafeEqual with unequal buffers.
    expect(sameSecret('é'.repeat(s.length), s)).toBe(false);
  });

  it('refuse a short or odd fixed token', () => {
    expect(() => new LaunchAuth(4000, 'short')).toThrow(/at least 22 base64url characters/);
    expect(() => new LaunchAuth(4000, `${'a'.repeat(30)}?x`)).toThrow();
  });

  it('send the sign-in link to its own path and query without the token, never to another host', () => {
    expect(clean('/?token=T')).toBe('/');
    expect(clean('/?token=T&example=word-count')).toBe('/?example=word-count');
    expect(clean('/?example=word-count&token=T')).toBe('/?example=word-count');
    expect(clean('/?token=T?empty')).toBe('/?empty');
    expect(clean('/?token=T?example=a&b=c%20d')).toBe('/?b=c+d&example=a');
    // A Location of `//evil.example/` would leave this server; the path keeps one leading slash.
    expect(clean('http://127.0.0.1:4000//evil.example/?token=T')).toBe('/evil.example/');
    expect(clean('http://127.0.0.1:4000/\\evil.example/?token=T')).toBe('/evil.example/');
    expect(clean('/flows/x?token=T')).toBe('/flows/x');
  });

  it('name the cookie after the port, since browsers share cookies between ports of a host', () => {
    expect(new LaunchAuth(4000, newSecret()).cookieName).toBe('topograph-4000');
    expect(new LaunchAuth(4000, newSecret()).setCookie()).toMatch(
      /^topograph-4000=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
  });
});
