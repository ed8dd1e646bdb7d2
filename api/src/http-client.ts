// The browser-mode client: calls over HTTP POST, events over one WebSocket. Browser-safe (fetch, WebSocket).
import { StudioApiError, isWireError } from './errors.js';
import type { StudioEvent } from './events.js';
import type { CallInput, CallName } from './inputs.js';
import type { CallResult } from './results.js';
import {
  CALL_PATH_PREFIX,
  EVENTS_PATH,
  TOKEN_HEADER,
  TOKEN_QUERY,
  WINDOW_QUERY,
  type Studio,
} from './studio.js';

export interface HttpStudioOptions {
  /** e.g. `http://127.0.0.1:5173`. */
  baseUrl: string;
  /** The launch token, for clients outside the page; a page served by the host sends its session cookie instead. */
  token?: string;
  /**
   * The designer window this client belongs to: its event socket says so, and when a window's last socket is
   * gone for a while (the tab was closed, not reloaded) the host stops that window's sessions.
   */
  windowId?: string;
  /** Injected for tests outside a browser. */
  fetch?: typeof globalThis.fetch;
  WebSocket?: typeof globalThis.WebSocket;
}

export function createHttpStudio(options: HttpStudioOptions): Studio {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const listeners = new Set<(event: StudioEvent) => void>();
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const open = (): void => {
    const Ws = options.WebSocket ?? globalThis.WebSocket;
    const url = new URL(EVENTS_PATH, options.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (options.token !== undefined) url.searchParams.set(TOKEN_QUERY, options.token);
    if (options.windowId !== undefined) url.searchParams.set(WINDOW_QUERY, options.windowId);
    const ws = new Ws(url.toString());
    socket = ws;
    ws.onmessage = (message: MessageEvent) => {
      const event = JSON.parse(String(message.data)) as StudioEvent;
      for (const listener of listeners) listener(event);
    };
    // The host may restart (or the laptop sleep): reconnect while anyone listens.
    ws.onclose = () => {
      // A socket closed on purpose (the last listener left) has been replaced or dropped already.
      if (socket !== ws) return;
      socket = null;
      if (listeners.size > 0) retry = setTimeout(open, 1000);
    };
  };

  return {
    transport: 'browser',
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> {
      const response = await doFetch(new URL(CALL_PATH_PREFIX + name, options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token !== undefined ? { [TOKEN_HEADER]: options.token } : {}),
        },
        body: JSON.stringify(input ?? {}),
      });
      const body: unknown = await response.json();
      if (isWireError(body)) throw new StudioApiError(body.error.code, body.error.message);
      if (!response.ok) throw new StudioApiError('failed', `${name}: HTTP ${response.status}`);
      return (body as { result: CallResult<N> }).result;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (socket === null && retry === null) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          if (retry !== null) clearTimeout(retry);
          retry = null;
          socket?.close();
          socket = null;
        }
      };
    },
  };
}
