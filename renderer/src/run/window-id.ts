const KEY = 'topograph.window';

let cached: string | null = null;

/**
 * This designer window's id for the host's sessions. Kept in sessionStorage, which lives as long as the tab
 * or Electron window and survives a reload, so the reloaded page asks for the session it started.
 */
export function windowId(): string {
  if (cached !== null) return cached;
  let id: string | null = null;
  try {
    id = sessionStorage.getItem(KEY);
  } catch {
    // Storage can be disabled; the id then lasts for this page load only.
  }
  if (id === null || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    try {
      sessionStorage.setItem(KEY, id);
    } catch {
      // As above.
    }
  }
  cached = id;
  return id;
}
