// @topograph/api — the studio API contract shared by the host and the renderer. Browser-safe.
export * from './inputs.js';
export type * from './results.js';
export type * from './events.js';
export * from './errors.js';
export * from './validate.js';
export * from './studio.js';
export * from './templates.js';
export * from './menu.js';
export * from './drafts.js';
export { createHttpStudio, type HttpStudioOptions } from './http-client.js';
export * from './sessions.js';
export { runFingerprint } from './fingerprint.js';
export * from './debugger.js';
