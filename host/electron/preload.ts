// Sandboxed preload: exposes the studio API (and nothing else) to the page. Inputs are validated in the
// main process by the same host code browser mode uses; here they only cross the bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CALL,
  IPC_EVENT,
  IPC_MENU,
  unwrapReply,
  type MenuBridge,
  type Studio,
  type StudioEvent,
} from '@topograph/api';

const studio: Studio = {
  transport: 'electron',
  call: async (name, input) => unwrapReply(await ipcRenderer.invoke(IPC_CALL, name, input)),
  subscribe(listener) {
    const forward = (_e: IpcRendererEvent, event: StudioEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.off(IPC_EVENT, forward);
    };
  },
};

contextBridge.exposeInMainWorld('topograph', studio);
// Native menu commands: `window.topographMenu.on((command, ...args) => …)` returns its unsubscribe function.
const menu: MenuBridge = {
  on(listener) {
    const forward = (_e: IpcRendererEvent, command: string, ...args: string[]): void =>
      listener(command, ...args);
    ipcRenderer.on(IPC_MENU, forward);
    return () => {
      ipcRenderer.off(IPC_MENU, forward);
    };
  },
};
contextBridge.exposeInMainWorld('topographMenu', menu);
