// Electron main process: a window, native menus and dialogs around the shared host. Everything the
// renderer can do goes through the studio API (ipc-handler.ts), validated exactly as in browser mode.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { isAbsolute, join, relative } from 'node:path';
import { IPC_CALL, IPC_EVENT, IPC_MENU } from '@topograph/api';
import { handleIpcCall } from '../src/ipc-handler.js';
import { FileSecretStore } from '../src/profiles.js';
import { REPO_ROOT, StudioHost } from '../src/studio-host.js';
import { menuTemplate } from './menu.js';
import { safeStorageSealer } from './safe-storage-secrets.js';
import { CONTENT_SECURITY_POLICY } from '../src/server/static-files.js';
import { loadWindowState, saveWindowState } from './window-state.js';
import { defaultWorkspace, seedWorkspace } from '../src/workspace.js';

if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | null = null;

async function createWindow(host: StudioHost): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  window = new BrowserWindow({
    ...state,
    title: 'Topograph',
    webPreferences: {
      preload: join(REPO_ROOT, 'host', 'dist', 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  if (state.maximized) window.maximize();
  const remember = (): void => {
    if (!window) return;
    void saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('close', remember);
  // Links open in the user's browser, never inside the app window.
  window.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (e) => e.preventDefault());
  const unsubscribe = host.subscribe((event) => window?.webContents.send(IPC_EVENT, event));
  window.on('closed', () => {
    unsubscribe();
    window = null;
  });
  await window.loadFile(join(REPO_ROOT, 'renderer', 'dist', 'index.html'), {
    query: { example: 'word-count' },
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  const workspace = defaultWorkspace();
  const host = new StudioHost({
    workspace,
    stateDir: app.getPath('userData'),
    secrets: new FileSecretStore(join(app.getPath('userData'), 'secrets.json'), safeStorageSealer),
  });
  try {
    await host.prepare();
  } catch (e) {
    // Another user's workspace or state folder (see private-folders.ts): say so rather than use it.
    dialog.showErrorBox('Topograph cannot start', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  await seedWorkspace(workspace);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    }),
  );
  ipcMain.handle(IPC_CALL, (_event, name: unknown, input: unknown) => handleIpcCall(host, name, input));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate((command) => {
        // Open asks for the file natively, then sends `file.open` with the path; every other command goes to
        // the designer as is (Help opens the docs through window.open, which the window handler takes outside).
        if (command === 'file.open') void openDialog(host);
        else window?.webContents.send(IPC_MENU, command);
      }, process.platform === 'darwin'),
    ),
  );
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
  await createWindow(host);
}

/** File › Open: a native dialog limited to the workspace's topology documents. */
async function openDialog(host: StudioHost): Promise<void> {
  if (!window) return;
  const result = await dialog.showOpenDialog(window, {
    defaultPath: host.documents.workspace,
    filters: [{ name: 'Topology', extensions: ['topology.json'] }],
    properties: ['openFile'],
  });
  const file = result.filePaths[0];
  if (result.canceled || file === undefined) return;
  // The studio API addresses documents relative to the workspace; anything outside it is refused there too.
  const path = relative(host.documents.workspace, file);
  if (path.startsWith('..') || isAbsolute(path))
    dialog.showErrorBox('Outside the workspace', `Open documents inside ${host.documents.workspace}.`);
  else window.webContents.send(IPC_MENU, 'file.open', path.split('\\').join('/'));
}

void main();
