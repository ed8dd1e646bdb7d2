import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { HOST_META } from '@topograph/api';

export interface StaticOptions {
  /** The renderer's build output (renderer/dist). */
  root: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * Same policy for the browser-mode page and the Electron window: nothing from other origins, no inline
 * scripts, no eval, no plugins, no framing. The allowances are Monaco's: blob workers and inline styles.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export async function serveStatic(
  options: StaticOptions,
  pathname: string,
  res: ServerResponse,
): Promise<void> {
  const root = resolve(options.root);
  const relativePath = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const full = resolve(root, normalize(relativePath));
  if (full !== root && !full.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  let body: Buffer;
  let file = full;
  try {
    body = await readFile(full);
  } catch {
    // Client-side routes fall back to the app shell; missing assets stay 404.
    if (extname(relativePath) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = join(root, 'index.html');
    body = await readFile(file);
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (file.endsWith('index.html')) {
    // Only a marker: the page authenticates with its HttpOnly cookie and never learns the token.
    const meta = `<meta name="${HOST_META}" content="browser">`;
    body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    ${meta}`));
  }
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Served only to a signed-in browser: no shared cache may keep a copy.
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  });
  res.end(body);
}
