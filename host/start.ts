// What `npm start` runs: the Electron app where its binary is installed, otherwise browser mode (the same
// host over HTTP/WebSocket on 127.0.0.1) opened in the default browser.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBinary } from './electron/electron-binary.js';
import { warmUpTypeChecker } from '@topograph/codegen';
import { writeFileAtomic } from './src/atomic-write.js';
import { ForeignOwnerError, PRIVATE_FILE_MODE } from './src/private-folders.js';
import { REPO_ROOT, StudioHost } from './src/studio-host.js';
import { ensureRendererBuilt } from './src/renderer-build.js';
import { startBrowserServer } from './src/server/browser-server.js';
import { browserOpenPage } from './src/server/pages.js';
import { defaultWorkspace, seedWorkspace } from './src/workspace.js';

const log = (message: string): void => void process.stdout.write(`\x1b[36m[topograph]\x1b[0m ${message}\n`);

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => log(`could not open a browser (${command}); open the link above yourself`));
  child.unref();
}

async function startElectron(binary: string): Promise<void> {
  const { bundleElectronMain } = await import('./electron/bundle-main.js');
  const main = await bundleElectronMain();
  log(`starting the desktop app (Electron at ${binary})`);
  const child = spawn(binary, [main], { stdio: 'inherit', cwd: REPO_ROOT });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowserMode(): Promise<void> {
  const workspace = defaultWorkspace();
  const stateDir = join(homedir(), '.topograph');
  const host = new StudioHost({ workspace, stateDir });
  try {
    await host.prepare();
  } catch (e) {
    if (!(e instanceof ForeignOwnerError)) throw e;
    log(`not starting: ${e.message}`);
    process.exit(1);
  }
  await seedWorkspace(workspace);
  const renderer = ensureRendererBuilt(log);
  // The type checker's first run loads the runtime's and Node's declarations (seconds); do it before the
  // page asks for code, not on its first request.
  warmUpTypeChecker();
  const port = process.env.TOPOGRAPH_PORT ? Number(process.env.TOPOGRAPH_PORT) : 0;
  const server = await startBrowserServer({ host, port, renderer: { root: renderer } });
  const url = `${server.signInUrl}&example=word-count`;
  log('no Electron binary is installed here, so Topograph runs in browser mode.');
  log(`workspace: ${workspace}`);
  log(`designer:  ${url}`);
  log("only a browser that opened this link gets in (it holds this launch's token; keep it to yourself).");
  // The browser is pointed at a 0600 file that forwards to the link: a URL on the command line would show
  // the token to every local user (`ps`).
  const opener = join(stateDir, `browser-open-${new URL(server.url).port}.html`);
  if (process.env.TOPOGRAPH_NO_OPEN === undefined && (process.platform !== 'linux' || process.env.DISPLAY)) {
    await writeFileAtomic(opener, browserOpenPage(url), false, PRIVATE_FILE_MODE);
    openBrowser(pathToFileURL(opener).href);
  }
  const shutdown = (): void => {
    log('stopping sessions and the server');
    rmSync(opener, { force: true });
    void Promise.all([host.close(), server.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const binary = process.env.TOPOGRAPH_BROWSER_MODE ? null : electronBinary();
await (binary ? startElectron(binary) : startBrowserMode());
