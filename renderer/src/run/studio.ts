import { HOST_META, createHttpStudio, type Studio } from '@topograph/api';
import { windowId } from './window-id.js';

let cached: Studio | null | undefined;

/** The typed studio API (sessions need it beyond the designer's file client); null without a host. */
export function runStudio(): Studio | null {
  if (cached !== undefined) return cached;
  const served = document.querySelector(`meta[name="${HOST_META}"]`) !== null;
  cached =
    window.topograph ??
    (served ? createHttpStudio({ baseUrl: location.origin, windowId: windowId() }) : null);
  return cached;
}
