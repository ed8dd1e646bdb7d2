// Sandboxed preload: exposes the studio API (and nothing else) to the page. Inputs are validated in the
// main process by the same host code browser mode uses; here they only cross the bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, unwrapReply, type Studio, type StudioEvent } from '@topograph/api';

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
