import type { StudioEvent } from './events.js';
import type { CallInput, CallName } from './inputs.js';
import type { CallResult } from './results.js';

/** The one interface the renderer talks to; the Electron preload and the browser-mode client both implement it. */
export interface Studio {
  /** Which transport this is: `electron` or `browser`. */
  readonly transport: 'electron' | 'browser';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>>;
  /** Receives every host event; returns the unsubscribe function. */
  subscribe(listener: (event: StudioEvent) => void): () => void;
}

/**
 * Header and query parameter carrying the per-launch token in browser mode. The page never sees the token:
 * the printed `/?token=…` link is exchanged for an HttpOnly session cookie; the header is for scripts and tests.
 */
export const TOKEN_HEADER = 'x-topograph-token';
export const TOKEN_QUERY = 'token';
/** `<meta name="topograph-host">` the browser-mode server writes into index.html: "the host serves this page". */
export const HOST_META = 'topograph-host';
/** Query parameter of the event socket naming its designer window (see `HttpStudioOptions.windowId`). */
export const WINDOW_QUERY = 'window';
export const CALL_PATH_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
/** Electron IPC channels used by the preload. */
export const IPC_CALL = 'studio:call';
export const IPC_EVENT = 'studio:event';
/** Native menu commands (File › Save, Run › Run …) sent to the page; see `window.topographMenu`. */
export const IPC_MENU = 'studio:menu';
