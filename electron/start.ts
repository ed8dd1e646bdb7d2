// What `npm start` runs: the Electron app where its binary is installed, otherwise browser mode (the same
// host over HTTP/WebSocket on 127.0.0.1) opened in the default browser.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.js';
import { warmUpTypeChecker } from '@topograph/codegen/node';
import { REPO_ROOT, StudioHost } from './host/studio-host.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { startBrowserServer } from './server/browser-server.js';
import { defaultWorkspace, seedWorkspace } from './workspace.js';

const log = (message: string): void => void process.stdout.write(`\x1b[36m[topograph]\x1b[0m ${message}\n`);

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => log(`could not open a browser (${command}); open ${url} yourself`));
  child.unref();
}

async function startElectron(binary: string): Promise<void> {
  const { bundleElectronMain } = await import('./bundle-main.js');
  const main = await bundleElectronMain();
  log(`starting the desktop app (Electron at ${binary})`);
  const child = spawn(binary, [main], { stdio: 'inherit', cwd: REPO_ROOT });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowserMode(): Promise<void> {
  const workspace = defaultWorkspace();
  await seedWorkspace(workspace);
  const renderer = ensureRendererBuilt(log);
  const host = new StudioHost({ workspace });
  // The type checker's first run loads the runtime's and Node's declarations (seconds); do it before the
  // page asks for code, not on its first request.
  warmUpTypeChecker();
  const port = process.env.TOPOGRAPH_PORT ? Number(process.env.TOPOGRAPH_PORT) : 0;
  const server = await startBrowserServer({ host, port, renderer: { root: renderer } });
  const url = `${server.pageUrl}?example=word-count`;
  log('no Electron binary is installed here, so Topograph runs in browser mode.');
  log(`workspace: ${workspace}`);
  log(`designer:  ${url}`);
  log('the server listens on 127.0.0.1 only and answers only the page it served (per-launch token).');
  if (process.env.TOPOGRAPH_NO_OPEN === undefined && (process.platform !== 'linux' || process.env.DISPLAY))
    openBrowser(url);
  const shutdown = (): void => {
    log('stopping sessions and the server');
    void Promise.all([host.close(), server.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const binary = process.env.TOPOGRAPH_BROWSER_MODE ? null : electronBinary();
await (binary ? startElectron(binary) : startBrowserMode());
