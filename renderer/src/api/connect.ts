import { HOST_META, createHttpStudio, type MenuBridge, type Studio } from '@topograph/api';
import type { StudioClient } from './client.js';
import { localStudio } from './local.js';
import { studioClient } from './studio-client.js';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge) when the designer runs in the desktop shell. */
    topograph?: Studio;
    /** The native menu's commands, set by the Electron preload. */
    topographMenu?: MenuBridge;
  }
}

/**
 * The studio API for this page: the Electron bridge when present; the browser-mode host when the page was served
 * by it (it marks the page with a meta tag; calls and events carry the session cookie the browser got for the
 * printed link); otherwise files in browser storage.
 */
export function connectStudio(): StudioClient {
  if (window.topograph) return studioClient(window.topograph);
  if (document.querySelector(`meta[name="${HOST_META}"]`))
    return studioClient(createHttpStudio({ baseUrl: location.origin }));
  return localStudio();
}
