import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, TOKEN_QUERY } from '@topograph/api';

/** 256 random bits, base64url (43 characters, never `?`, `&` or `=`). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Tokens and cookies shorter than this are refused, so a test or a caller cannot weaken the launch. */
const MIN_SECRET_CHARS = 22; // 22 base64url characters = 132 bits

/** Constant-time equality; strings of different lengths are unequal without comparing their bytes. */
export function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every value sent under `name`. A page on another port of 127.0.0.1 can set cookies for this host too
 * (cookies ignore ports), e.g. one of the same name on a longer path that the browser sends first; looking
 * at all of them keeps such a cookie from locking the user out.
 */
function cookieValues(req: IncomingMessage, name: string): string[] {
  const header = req.headers.cookie;
  if (header === undefined) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * One launch's credentials. The token is what the terminal prints (`/?token=…`); the session cookie is what
 * the browser keeps after exchanging it. Both are fresh random values per launch, so a restart invalidates
 * every old link and cookie. The token stays valid for the whole launch (as Jupyter's does): reopening the
 * printed link after closing the tab, or in a second browser, signs in again.
 */
export class LaunchAuth {
  readonly token: string;
  private readonly session = newSecret();
  /** Cookies ignore ports, so two launches on one machine need different names to sign in side by side. */
  readonly cookieName: string;

  constructor(port: number, token: string) {
    LaunchAuth.checkToken(token);
    this.token = token;
    this.cookieName = `topograph-${port}`;
  }

  static checkToken(token: string): void {
    if (token.length < MIN_SECRET_CHARS || !/^[A-Za-z0-9_-]+$/.test(token))
      throw new Error(`a launch token is at least ${MIN_SECRET_CHARS} base64url characters`);
  }

  /** The session cookie (HttpOnly, SameSite=Strict, whole site; no expiry: it ends with the browser session). */
  setCookie(): string {
    return `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  hasSessionCookie(req: IncomingMessage): boolean {
    // Bounded: a header is at most 16 KiB (Node's limit), so are the values compared.
    return cookieValues(req, this.cookieName).some((value) => sameSecret(value, this.session));
  }

  /** Programmatic clients (tests, scripts) may send the token itself instead of a cookie. */
  hasTokenHeader(req: IncomingMessage): boolean {
    return sameSecret(singleHeader(req.headers[TOKEN_HEADER]), this.token);
  }

  /**
   * The token a URL carries, if it is this launch's. A query appended with `?` instead of `&` (as in
   * `<printed URL>?example=x`) is tolerated: a token never contains `?`, so what follows it is the rest.
   */
  tokenInUrl(url: URL): boolean {
    const raw = url.searchParams.get(TOKEN_QUERY);
    return raw !== null && sameSecret(raw.split('?')[0], this.token);
  }

  /** Where the sign-in link sends the browser: the same path and query without the token. */
  static cleanUrl(url: URL): string {
    const raw = url.searchParams.get(TOKEN_QUERY) ?? '';
    const rest = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
    const params = new URLSearchParams(url.search);
    params.delete(TOKEN_QUERY);
    for (const [k, v] of new URLSearchParams(rest)) params.append(k, v);
    const query = params.toString().replace(/=(?=&|$)/g, '');
    // Only a path on this server: `//host` would be read by the browser as another origin.
    const path = '/' + url.pathname.replace(/^\/+/, '');
    return query === '' ? path : `${path}?${query}`;
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
