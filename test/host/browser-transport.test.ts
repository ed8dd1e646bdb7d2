import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  CALL_PATH_PREFIX,
  EVENTS_PATH,
  TOKEN_HEADER,
  createHttpStudio,
  StudioApiError,
} from '@topograph/api';
import {
  DEFAULT_LIMITS,
  startBrowserServer,
  type BrowserServer,
} from '../../host/src/server/browser-server.js';
import { makeHost, type HostFixture } from './fixtures.js';

let fx: HostFixture;
let server: BrowserServer;

beforeAll(async () => {
  fx = await makeHost();
  server = await startBrowserServer({ host: fx.host });
});
afterAll(async () => {
  await server.close();
  await fx.cleanup();
});

const post = (
  name: string,
  body: unknown,
  headers: Record<string, string> = { [TOKEN_HEADER]: server.token },
) =>
  fetch(`${server.url}${CALL_PATH_PREFIX}${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser-mode studio server', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = server.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await post('documents.list', {}, {});
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining(TOKEN_HEADER) },
    });
    const wrong = await post('documents.list', {}, { [TOKEN_HEADER]: 'x'.repeat(server.token.length) });
    expect(wrong.status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}${CALL_PATH_PREFIX}documents.list`,
        { method: 'POST', headers: { host: 'evil.example:80', [TOKEN_HEADER]: server.token } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(401);
  });

  it('rejects invalid input with an error naming the field', async () => {
    const res = await post('documents.open', { path: '../../etc/passwd.topology.json' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toContain('path: a path may not contain ".."');

    const missing = await post('sessions.produce', { sessionId: 's1', topic: 'bad topic!', records: [] });
    const m = (await missing.json()) as { error: { message: string } };
    expect(m.error.message).toMatch(/topic: a topic name/);
    expect(m.error.message).toMatch(/records: /);
  });

  it('answers unknown calls, non-JSON bodies and wrong methods with errors, and keeps serving', async () => {
    expect((await post('documents.format', {})).status).toBe(404);
    const bad = await post('documents.list', '{not json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('not JSON');
    const get = await fetch(`${server.url}${CALL_PATH_PREFIX}documents.list`, {
      headers: { [TOKEN_HEADER]: server.token },
    });
    expect(get.status).toBe(400);
    expect((await post('documents.list', {})).status).toBe(200);
  });

  it('answers a body over the documented 25 MiB limit with 413, announced or streamed, and keeps serving', async () => {
    expect(DEFAULT_LIMITS.bodyBytes).toBe(25 * 1024 * 1024);
    const over = Buffer.alloc(DEFAULT_LIMITS.bodyBytes + 1, 0x20);
    const announced = await post('documents.list', over.toString('latin1'));
    expect(announced.status).toBe(413);
    expect(((await announced.json()) as { error: { message: string } }).error.message).toBe(
      `the request body is larger than the limit of ${DEFAULT_LIMITS.bodyBytes} bytes`,
    );
    const { request } = await import('node:http');
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}${CALL_PATH_PREFIX}documents.list`,
        { method: 'POST', headers: { [TOKEN_HEADER]: server.token } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // No content-length: the server finds out while reading, and drains the rest instead of resetting.
      for (let i = 0; i < 26; i++) req.write(over.subarray(0, 1024 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
    expect((await post('documents.list', {})).status).toBe(200);
  });

  it('serves calls through the typed client: templates, save with backup, open, list', async () => {
    const studio = createHttpStudio({ baseUrl: server.url, token: server.token });
    const templates = await studio.call('documents.templates', {});
    const wordCount = templates.find((t) => t.name === 'word-count.topology.json');
    expect(wordCount?.title).toBe('Word Count');
    const first = await studio.call('documents.save', {
      path: 'flows/wc.topology.json',
      text: wordCount?.text ?? '',
    });
    expect(first.backup).toBeNull();
    const second = await studio.call('documents.save', {
      path: 'flows/wc.topology.json',
      text: '{"changed":true}',
    });
    expect(second.backup).toBe('flows/wc.topology.json.bak');
    expect((await studio.call('documents.open', { path: 'flows/wc.topology.json' })).text).toBe(
      '{"changed":true}',
    );
    expect((await studio.call('documents.list', {})).map((f) => f.path)).toEqual(['flows/wc.topology.json']);
    expect(await studio.call('documents.recent', {})).toEqual(['flows/wc.topology.json']);
    await expect(
      studio.call('documents.saveAs', { path: 'flows/wc.topology.json', text: '{}' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(studio.call('documents.open', { path: 'nope.topology.json' })).rejects.toBeInstanceOf(
      StudioApiError,
    );
  });

  it('recovers autosaved edits until the document is saved or the draft discarded', async () => {
    const studio = createHttpStudio({ baseUrl: server.url, token: server.token });
    await studio.call('documents.autosave', {
      draft: 'window-1',
      path: 'draft.topology.json',
      text: '{"draft":1}',
    });
    await studio.call('documents.autosave', { draft: 'window-2', path: null, text: '{"untitled":1}' });
    expect(await studio.call('documents.recover', {})).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ draft: 'window-1', path: 'draft.topology.json', text: '{"draft":1}' }),
        expect.objectContaining({ draft: 'window-2', path: null, text: '{"untitled":1}' }),
      ]),
    );
    await studio.call('documents.save', {
      path: 'draft.topology.json',
      text: '{"draft":2}',
      draft: 'window-1',
    });
    expect(await studio.call('documents.discardDraft', { draft: 'window-2' })).toEqual({ discarded: true });
    expect(await studio.call('documents.recover', {})).toEqual([]);
  });

  it('rejects a draft id that could name another file', async () => {
    const res = await post('documents.discardDraft', { draft: '../recent' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'draft: a draft id is 8 to 64 letters',
    );
  });

  it('accepts event sockets only with the token', async () => {
    const wsUrl = server.url.replace('http', 'ws') + EVENTS_PATH;
    const refused = new WebSocket(wsUrl);
    const outcome = await new Promise<string>((resolve) => {
      refused.on('open', () => resolve('open'));
      refused.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
    const accepted = new WebSocket(`${wsUrl}?token=${server.token}`);
    await new Promise<void>((resolve, reject) => {
      accepted.on('open', () => resolve());
      accepted.on('error', reject);
    });
    accepted.close();
  });
});
