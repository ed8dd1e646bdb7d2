// Browser mode's sign-in and limits over real HTTP: what a second local user or process can and cannot do
// with only the port (issue 13), and what the browser that opened the printed link can.
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CALL_PATH_PREFIX, EVENTS_PATH, TOKEN_HEADER, type StudioEvent } from '@topograph/api';
import type { TopologyDocument } from '@topograph/document';
import { ensureRendererBuilt } from '../../host/src/renderer-build.js';
import { startBrowserServer, type BrowserServer } from '../../host/src/server/browser-server.js';
import { newSecret } from '../../host/src/server/launch-auth.js';
import { makeHost, type HostFixture } from './fixtures.js';
import { exampleDocument } from './support.js';

const LIMITS = { bodyBytes: 64 * 1024, messageBytes: 1024 };

let fx: HostFixture;
let server: BrowserServer;
let root: string;

beforeAll(async () => {
  root = ensureRendererBuilt();
  fx = await makeHost();
  server = await startBrowserServer({ host: fx.host, renderer: { root }, limits: LIMITS });
}, 300_000);
afterAll(async () => {
  await server.close();
  await fx.cleanup();
});

/** Opens the printed link as a browser would and returns the cookie it was given (`name=value`). */
async function signIn(s: BrowserServer): Promise<string> {
  const res = await fetch(s.signInUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const [cookie] = res.headers.getSetCookie();
  if (cookie === undefined) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

const call = (s: BrowserServer, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${CALL_PATH_PREFIX}${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** 'open', or the HTTP status the upgrade was refused with. */
function socket(
  s: BrowserServer,
  headers: Record<string, string> = {},
  query = '',
): Promise<WebSocket | number> {
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}${EVENTS_PATH}${query}`, { headers });
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

function assets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? assets(full) : [`/${relative(root, full).split('\\').join('/')}`];
  });
}

/** A raw request whose body is written by `send`; resolves with the answer, whenever it comes. */
function rawPost(
  s: BrowserServer,
  headers: Record<string, string>,
  send: (req: ReturnType<typeof request>) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${CALL_PATH_PREFIX}documents.list`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    send(req);
  });
}

/** The status of one request on a connection of its own. */
function status(url: string, method: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('without the token or the session cookie', () => {
  it('answers GET / and every file of the built designer with 401 and a page that never holds the token', async () => {
    const paths = ['/', '/index.html', '/some/route', ...assets(root)];
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(`${server.url}${path}`, { method });
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 401 });
        const body = await res.text();
        expect(body).not.toContain(server.token);
        if (method === 'GET') expect(body).toContain('printed');
      }
    }
    const wrong = await fetch(`${server.url}/?token=${newSecret()}`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await wrong.text()).not.toContain(server.token);
  });

  it('refuses calls and event sockets, with a forged cookie too', async () => {
    const forged = `${server.cookieName}=${newSecret()}`;
    const attempts: Array<Record<string, string>> = [
      {},
      { cookie: forged },
      { cookie: `${server.cookieName}=${server.token}` },
    ];
    for (const headers of attempts) {
      const res = await call(server, 'documents.list', {}, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'unauthorized', message: expect.stringContaining('printed') },
      });
      expect(await socket(server, headers)).toBe(401);
      expect((await fetch(`${server.url}/`, { headers })).status).toBe(401);
    }
  });

  it('reproduces issue 13: a client that knows only the port cannot start a session that runs its code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topograph-attack-'));
    const marker = join(dir, 'ran');
    // The attack of issue 13: a flat-map lambda that writes a file as the designer's user on the first record.
    const base = exampleDocument('word-count');
    const payload = `(value) => {
  process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran as uid ' + process.getuid());
  return [value];
}`;
    const attack: TopologyDocument = {
      ...base,
      nodes: base.nodes.map((n) =>
        n.id === 'split-words' ? { ...n, config: { ...n.config, mapper: payload } } : n,
      ),
    };
    try {
      // What the attacker did first: read the page for the token. It is no longer there.
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(401);
      const html = await page.text();
      expect(html).not.toContain(server.token);
      expect(html).not.toMatch(/name="topograph-token"/);
      // Then start a session, any way it can without the token.
      const guesses: Array<Record<string, string>> = [
        {},
        { cookie: `${server.cookieName}=${newSecret()}` },
        { [TOKEN_HEADER]: newSecret() },
      ];
      for (const headers of guesses) {
        const res = await call(server, 'sessions.start', { document: attack }, headers);
        expect(res.status).toBe(401);
      }
      expect(await fx.host.call('sessions.list', {})).toEqual([]);

      // The same document from the browser that opened the printed link does run: the refusal above is the
      // sign-in's doing, not a broken payload. Its events arrive on a socket opened with the cookie.
      const cookie = await signIn(server);
      const events = await socket(server, { cookie });
      if (typeof events === 'number') throw new Error(`event socket refused: ${events}`);
      const seen: StudioEvent[] = [];
      const waiters: Array<() => void> = [];
      events.on('message', (data: Buffer) => {
        seen.push(JSON.parse(data.toString('utf8')) as StudioEvent);
        for (const wake of waiters.splice(0)) wake();
      });
      /** The first event so far or to come that matches; the test's timeout bounds the wait. */
      const next = async (match: (e: StudioEvent) => boolean): Promise<StudioEvent> => {
        for (;;) {
          const found = seen.find(match);
          if (found) return found;
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
      };
      const started = await call(server, 'sessions.start', { document: attack }, { cookie });
      expect(started.status).toBe(200);
      const { result } = (await started.json()) as { result: { sessionId: string } };
      const { sessionId } = result;
      await next(
        (e) => e.type === 'status' && e.status.sessionId === sessionId && e.status.state === 'running',
      );
      const produced = await call(
        server,
        'sessions.produce',
        { sessionId, topic: 'text', records: [{ value: 'hello' }] },
        { cookie },
      );
      expect(produced.status).toBe(200);
      // The lambda has run once the flat-map node reports the record it took in.
      await next(
        (e) =>
          e.type === 'metrics' &&
          e.sessionId === sessionId &&
          (e.nodes.find((n) => n.nodeId === 'split-words')?.recordsIn ?? 0) > 0,
      );
      expect(await readFile(marker, 'utf8')).toMatch(/^ran as uid \d+$/);
      events.close();
      await fx.host.call('sessions.stop', { sessionId });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the printed link', () => {
  it('signs in with an HttpOnly, SameSite=Strict session cookie and redirects to the clean URL', async () => {
    const res = await fetch(`${server.signInUrl}&example=word-count`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?example=word-count');
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(
      new RegExp(`^${server.cookieName}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(cookie).not.toContain(server.token);
    // A query appended with `?` (as `${link}?example=x`) is kept too.
    const appended = await fetch(`${server.signInUrl}?empty`, { redirect: 'manual' });
    expect(appended.headers.get('location')).toBe('/?empty');
  });

  it('serves the page and its assets to the cookie, with no token in the HTML', async () => {
    const cookie = await signIn(server);
    const page = await fetch(`${server.url}/?example=word-count`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<meta name="topograph-host" content="browser">');
    expect(html).not.toContain(server.token);
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${server.url}${script}`, { headers: { cookie } })).status).toBe(200);
  });

  it('works again for the whole launch: a closed tab or a second browser signs in with the same link', async () => {
    const first = await signIn(server);
    const second = await signIn(server);
    for (const cookie of [first, second])
      expect((await call(server, 'documents.list', {}, { cookie })).status).toBe(200);
  });

  it('opened from another site or a file, it sets the cookie and moves on from this origin', async () => {
    const res = await fetch(`${server.signInUrl}&example=word-count`, {
      redirect: 'manual',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${server.cookieName}=`));
    const html = await res.text();
    expect(html).toContain('content="0;url=/?example=word-count"');
    expect(html).not.toContain(server.token);
  });
});

describe('the session cookie', () => {
  it('is found among cookies of the same name that another port of 127.0.0.1 set', async () => {
    const cookie = await signIn(server);
    const tossed = `${server.cookieName}=${newSecret()}; ${cookie}; other=1`;
    expect((await call(server, 'documents.list', {}, { cookie: tossed })).status).toBe(200);
  });

  it('authorizes calls and the event socket from this origin only', async () => {
    const cookie = await signIn(server);
    expect((await call(server, 'documents.list', {}, { cookie, origin: server.url })).status).toBe(200);
    // Cookies ignore ports: a page on another port of 127.0.0.1 is the same site and its requests carry the
    // cookie, but it is another origin.
    const foreign: Array<Record<string, string>> = [
      { cookie, origin: 'http://127.0.0.1:1' },
      { cookie, 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      const res = await call(server, 'documents.list', {}, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        'another origin',
      );
    }
    const ws = await socket(server, { cookie, origin: server.url });
    expect(ws).toBeInstanceOf(WebSocket);
    if (typeof ws !== 'number') ws.close();
    expect(await socket(server, { cookie, origin: 'http://127.0.0.1:1' })).toBe(401);
  });

  it("of an earlier launch is refused after a restart on the same port, as is that launch's link", async () => {
    const first = await startBrowserServer({ host: fx.host, renderer: { root } });
    const cookie = await signIn(first);
    expect((await call(first, 'documents.list', {}, { cookie })).status).toBe(200);
    const oldLink = first.signInUrl;
    const port = Number(new URL(first.url).port);
    await first.close();
    const second = await startBrowserServer({ host: fx.host, port, renderer: { root } });
    try {
      expect(second.cookieName).toBe(first.cookieName);
      // Fresh connections: fetch's pool may still hold one to the closed server.
      expect(await status(`${second.url}/`, 'GET', { cookie })).toBe(401);
      expect(await status(`${second.url}${CALL_PATH_PREFIX}documents.list`, 'POST', { cookie })).toBe(401);
      expect(await socket(second, { cookie })).toBe(401);
      expect(await status(oldLink, 'GET')).toBe(401);
      const fresh = await signIn(second);
      expect((await call(second, 'documents.list', {}, { cookie: fresh })).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('limits', () => {
  it('answers a body over the limit with 413 JSON, announced or streamed, and keeps serving', async () => {
    const cookie = await signIn(server);
    const over = 'x'.repeat(LIMITS.bodyBytes + 1);
    const announced = await call(server, 'documents.list', over, { cookie });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({
      error: {
        code: 'invalid-input',
        message: `the request body is larger than the limit of ${LIMITS.bodyBytes} bytes`,
      },
    });
    // No content-length: the server only finds out while reading.
    const streamed = await rawPost(server, { cookie, 'content-type': 'application/json' }, (req) => {
      for (let i = 0; i < 8; i++) req.write('y'.repeat(LIMITS.bodyBytes / 4));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'invalid-input' } });
    // Just under the limit is fine, and the server still answers.
    const text = JSON.stringify({ big: 'z'.repeat(LIMITS.bodyBytes - 200) });
    const under = await call(
      server,
      'documents.autosave',
      { draft: 'limit-test-1', path: null, text },
      { cookie },
    );
    expect(under.status).toBe(200);
    expect((await call(server, 'documents.list', {}, { cookie })).status).toBe(200);
  });

  it('cuts a body that does not arrive in time with 408, and keeps serving', async () => {
    const slow = await startBrowserServer({ host: fx.host, limits: { bodyTimeoutMs: 300 } });
    try {
      const cookie = await signIn(slow);
      // Announces 1000 bytes, sends 10, then nothing: the answer comes from the server's timeout.
      const res = await rawPost(
        slow,
        { cookie, 'content-type': 'application/json', 'content-length': '1000' },
        (req) => req.write('{"a":"1234'),
      );
      expect(res.status).toBe(408);
      expect(JSON.parse(res.body)).toEqual({
        error: { code: 'invalid-input', message: 'the request body did not arrive within 300 ms' },
      });
      expect((await call(slow, 'documents.list', {}, { cookie })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('closes an event socket that is sent a message over the limit (1009), and accepts new ones', async () => {
    const cookie = await signIn(server);
    const ws = await socket(server, { cookie });
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send('x'.repeat(LIMITS.messageBytes + 1));
    expect(await closed).toBe(1009);
    const again = await socket(server, { cookie });
    expect(again).toBeInstanceOf(WebSocket);
    if (typeof again !== 'number') again.close();
  });
});
