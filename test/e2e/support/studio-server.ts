import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioHost } from '../../../host/src/studio-host.js';
import { startBrowserServer } from '../../../host/src/server/browser-server.js';
import { ensureRendererBuilt } from './renderer-build.js';

export interface RunningStudio {
  /**
   * The link `npm start` prints (`http://127.0.0.1:<port>/?token=…`): opening it signs the browser in (session
   * cookie) and redirects to the designer. A query may be appended with `?` or `&`
   * (`${pageUrl}?example=word-count`); the server keeps it on the clean URL.
   */
  pageUrl: string;
  /** The workspace folder documents are saved in. */
  workspace: string;
  /** The host serving the page, for checking what it kept (drafts, recent files) without the page. */
  host: StudioHost;
  close(): Promise<void>;
}

/**
 * The designer as `npm start` serves it in browser mode: the shared host services over HTTP/WebSocket on
 * 127.0.0.1 (ephemeral port), serving the built renderer, with a fresh workspace and state folder; templates
 * come from `examplesDir` (default: the repository's examples).
 */
export async function startStudio(options: { examplesDir?: string } = {}): Promise<RunningStudio> {
  const root = ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'topograph-e2e-'));
  const workspace = join(dir, 'workspace');
  const host = new StudioHost({ workspace, stateDir: join(dir, 'state'), ...options });
  await host.prepare();
  const server = await startBrowserServer({ host, port: 0, renderer: { root } });
  return {
    pageUrl: server.signInUrl,
    workspace,
    host,
    close: async () => {
      await server.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
