import { fileURLToPath } from 'node:url';

/**
 * The repository root. This file sits two levels below it, as does host/dist/main.mjs into which it
 * is bundled for Electron, so the same relative URL holds in both.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
