import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export { ensureRendererBuilt, RENDERER_DIST } from '../../../electron/renderer-build.js';
