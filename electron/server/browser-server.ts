import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CALL_PATH_PREFIX,
  EVENTS_PATH,
  StudioApiError,
  TOKEN_HEADER,
  TOKEN_QUERY,
  WINDOW_QUERY,
  windowIdSchema,
  type StudioErrorCode,
  type WireError,
} from '@topograph/api';
import type { StudioHost } from '../host/studio-host.js';
import { serveStatic, type StaticOptions } from './static-files.js';

const MAX_BODY = 25 * 1024 * 1024;
const STATUS: Record<StudioErrorCode, number> = {
  'invalid-input': 400,
  'unknown-call': 404,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  failed: 500,
};

export interface BrowserServerOptions {
  host: StudioHost;
  /** Port to bind on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Fixed token (tests); default a fresh random one per launch. */
  token?: string;
  /** Built renderer to serve; absent: the API only. */
  renderer?: StaticOptions;
}

export interface BrowserServer {
  url: string;
  token: string;
  /** The URL to open (index.html carries the token in a meta tag). */
  pageUrl: string;
  server: Server;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: StudioErrorCode, message: string): void {
  const body: WireError = { error: { code, message } };
  sendJson(res, STATUS[code], body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StudioApiError('invalid-input', `request body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: the studio API over HTTP (one POST per call) and a WebSocket of events, bound to 127.0.0.1
 * only. Every API request must carry the per-launch token, and the Host header must name the loopback
 * address, so neither another local user's page nor a DNS-rebinding site can drive the designer.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const hostAllowed = (req: IncomingMessage): boolean =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 'failed', e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return sendError(res, 'unauthorized', 'requests must be addressed to 127.0.0.1');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith(CALL_PATH_PREFIX)) {
      if (req.method !== 'POST') return sendError(res, 'invalid-input', 'studio calls are POST requests');
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token))
        return sendError(res, 'unauthorized', `missing or wrong ${TOKEN_HEADER} header`);
      const name = decodeURIComponent(url.pathname.slice(CALL_PATH_PREFIX.length));
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (e) {
        if (e instanceof StudioApiError) return sendError(res, e.code, e.message);
        return sendError(res, 'invalid-input', `${name}: the body is not JSON`);
      }
      try {
        const result = await options.host.call(name, input);
        return sendJson(res, 200, { result });
      } catch (e) {
        if (e instanceof StudioApiError) return sendError(res, e.code, e.message);
        return sendError(res, 'failed', e instanceof Error ? e.message : String(e));
      }
    }
    if (url.pathname.startsWith('/api/')) return sendError(res, 'not-found', `no endpoint ${url.pathname}`);
    if (options.renderer && (req.method === 'GET' || req.method === 'HEAD'))
      return serveStatic(options.renderer, url.pathname, token, res);
    return sendError(res, 'not-found', `nothing at ${url.pathname}`);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const originOk =
      origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== EVENTS_PATH ||
      !hostAllowed(req) ||
      !originOk ||
      !sameToken(url.searchParams.get(TOKEN_QUERY), token)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const unsubscribe = options.host.subscribe((event) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
      });
      // A socket naming its window keeps that window's sessions alive; see SessionManager.watch.
      const owner = windowIdSchema.safeParse(url.searchParams.get(WINDOW_QUERY));
      const release = owner.success ? options.host.sessions.watch(owner.data) : () => undefined;
      const closed = () => {
        unsubscribe();
        release();
      };
      ws.once('close', closed);
      ws.once('error', closed);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    token,
    pageUrl: `${url}/`,
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
