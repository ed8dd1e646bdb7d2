import type { Monaco } from './setup.js';

let loading: Promise<Monaco> | null = null;

/** Loads Monaco (and its workers) once, on first use, so the canvas never waits for the editor bundle. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./setup.js').then((m) => m.monaco);
  return loading;
}
