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
import type { StudioHost } from '../studio-host.js';
import { LaunchAuth, newSecret } from './launch-auth.js';
import { forwardPage, unauthorizedPage } from './pages.js';
import { BodyError, readBody } from './request-body.js';
import { serveStatic, type StaticOptions } from './static-files.js';

/** What one request or socket may cost the host; README.md's Security section documents the defaults. */
export interface ServerLimits {
  /** Largest API request body (413 above it). */
  bodyBytes: number;
  /** Time an API request body may take to arrive (408 after it). */
  bodyTimeoutMs: number;
  /** Largest WebSocket message a client may send (the socket is closed with 1009 above it). */
  messageBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 25 * 1024 * 1024,
  bodyTimeoutMs: 30_000,
  // Events only flow to the page; nothing the page sends on the socket is read.
  messageBytes: 64 * 1024,
};

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
  /** Fixed launch token (tests); default 256 fresh random bits per launch. */
  token?: string;
  /** Built renderer to serve; absent: the API only. */
  renderer?: StaticOptions;
  limits?: Partial<ServerLimits>;
}

export interface BrowserServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  token: string;
  /** The link to print and open: `<url>/?token=…`, exchanged on first load for the session cookie. */
  signInUrl: string;
  /** The designer's page once signed in (`<url>/`). */
  pageUrl: string;
  /** The session cookie's name (it carries the port: browsers share cookies between ports of one host). */
  cookieName: string;
  server: Server;
  close(): Promise<void>;
}

/** For the server's own small pages: nothing to load, nothing to run, no framing. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...COMMON_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, code: StudioErrorCode, message: string, status = STATUS[code]): void {
  const body: WireError = { error: { code, message } };
  sendJson(res, status, body, status === 408 ? { connection: 'close' } : {});
}

/**
 * Browser mode: the studio API over HTTP (one POST per call) and a WebSocket of events, bound to 127.0.0.1.
 * The API runs code as the user, and every local user and process can reach 127.0.0.1, so nothing is served
 * (page, assets, calls, events) without this launch's session cookie or token; see README.md, Security.
 * Requests must also name the loopback address in Host (DNS rebinding), and browser calls and sockets must
 * come from this origin (another port of 127.0.0.1 is the same site to SameSite, but not the same origin).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = options.token ?? newSecret();
  LaunchAuth.checkToken(token);
  let port = 0;
  let auth: LaunchAuth | null = null;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const hostAllowed = (req: IncomingMessage): boolean =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  /** A browser says where a request comes from; scripts and curl say nothing, and need the token anyway. */
  const sameOrigin = (req: IncomingMessage): boolean => {
    const { origin } = req.headers;
    const site = req.headers['sec-fetch-site'];
    return (
      (origin === undefined || origins().includes(origin)) &&
      (site === undefined || site === 'same-origin' || site === 'none')
    );
  };

  const server = createServer(
    { headersTimeout: 20_000, requestTimeout: limits.bodyTimeoutMs + 20_000 },
    (req, res) => {
      void handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendError(res, 'failed', e instanceof Error ? e.message : String(e));
        else res.destroy();
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req) || !auth)
      return sendError(res, 'unauthorized', 'requests must be addressed to 127.0.0.1');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const api = url.pathname.startsWith('/api/');
    const page = (req.method === 'GET' || req.method === 'HEAD') && !api;
    if (page && url.searchParams.has(TOKEN_QUERY)) {
      if (!auth.tokenInUrl(url)) return sendUnauthorizedPage(res);
      // The sign-in link: swap the token for the cookie, and take the token out of the address bar.
      const clean = LaunchAuth.cleanUrl(url);
      const site = req.headers['sec-fetch-site'];
      if (site === undefined || site === 'none' || site === 'same-origin') {
        res.writeHead(303, { location: clean, 'set-cookie': auth.setCookie(), ...COMMON_HEADERS });
        res.end();
        return;
      }
      // Opened from another site or a local file (the browser-open file): a browser withholds SameSite=Strict
      // cookies along a redirect that such a page started, so the next hop is started by this origin instead.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': auth.setCookie(),
        'content-security-policy': PAGE_CSP,
        ...COMMON_HEADERS,
      });
      res.end(forwardPage(clean));
      return;
    }
    if (!auth.hasSessionCookie(req) && !auth.hasTokenHeader(req)) {
      if (api)
        return sendError(
          res,
          'unauthorized',
          `sign in through the link the terminal printed (session cookie), or send the ${TOKEN_HEADER} header`,
        );
      return sendUnauthorizedPage(res);
    }
    if (api && !sameOrigin(req))
      return sendError(res, 'unauthorized', 'calls from another origin (another port or site) are refused');
    if (url.pathname.startsWith(CALL_PATH_PREFIX)) {
      if (req.method !== 'POST') return sendError(res, 'invalid-input', 'studio calls are POST requests');
      const name = decodeURIComponent(url.pathname.slice(CALL_PATH_PREFIX.length));
      let input: unknown;
      try {
        const body = await readBody(req, { maxBytes: limits.bodyBytes, timeoutMs: limits.bodyTimeoutMs });
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (e) {
        if (e instanceof BodyError) return sendError(res, 'invalid-input', e.message, e.status);
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
    if (api) return sendError(res, 'not-found', `no endpoint ${url.pathname}`);
    if (options.renderer && page) return serveStatic(options.renderer, url.pathname, res);
    return sendError(res, 'not-found', `nothing at ${url.pathname}`);
  }

  function sendUnauthorizedPage(res: ServerResponse): void {
    res.writeHead(401, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      ...COMMON_HEADERS,
    });
    res.end(unauthorizedPage(`http://127.0.0.1:${port}`));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.messageBytes });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const signedIn =
      auth !== null && (auth.hasSessionCookie(req) || auth.hasTokenHeader(req) || auth.tokenInUrl(url));
    if (
      url.pathname !== EVENTS_PATH ||
      !hostAllowed(req) ||
      !(origin === undefined || origins().includes(origin)) ||
      !signedIn
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
  auth = new LaunchAuth(port, token);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    token: auth.token,
    signInUrl: `${url}/?${TOKEN_QUERY}=${auth.token}`,
    pageUrl: `${url}/`,
    cookieName: auth.cookieName,
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
