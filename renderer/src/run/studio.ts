import { TOKEN_META, createHttpStudio, type Studio } from '@topograph/api';
import { windowId } from './window-id.js';

let cached: Studio | null | undefined;

/** The typed studio API (sessions need it beyond the designer's file client); null without a host. */
export function runStudio(): Studio | null {
  if (cached !== undefined) return cached;
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content;
  cached =
    window.topograph ??
    (token ? createHttpStudio({ baseUrl: location.origin, token, windowId: windowId() }) : null);
  return cached;
}
