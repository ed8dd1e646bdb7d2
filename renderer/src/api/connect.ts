import { HOST_META, createHttpStudio, type MenuBridge, type Studio } from '@topograph/api';
import { windowId } from '../run/window-id.js';
import type { StudioClient } from './client.js';
import { localStudio } from './local.js';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge) when the designer runs in the desktop shell. */
    topograph?: Studio;
    /** The native menu's commands, set by the Electron preload. */
    topographMenu?: MenuBridge;
  }
}

/** The host's studio API for this page, or null: looked up here only. */
function hostStudio(): Studio | null {
  if (window.topograph) return window.topograph;
  // The browser-mode host marks the pages it serves; calls and events carry the session cookie the browser got
  // for the printed link, and the event socket names this window so its sessions outlive a reload only.
  if (document.querySelector(`meta[name="${HOST_META}"]`))
    return createHttpStudio({ baseUrl: location.origin, windowId: windowId() });
  return null;
}

/**
 * The studio API for this page: the Electron bridge when present; the browser-mode host when the page was served
 * by it; otherwise files in browser storage.
 */
export function connectStudio(): StudioClient {
  const host = hostStudio();
  if (!host) return localStudio();
  return { workspace: 'workspace', call: (name, input) => host.call(name, input), host };
}
