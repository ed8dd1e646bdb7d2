import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export { ensureRendererBuilt, RENDERER_DIST } from '../../../host/src/renderer-build.js';
