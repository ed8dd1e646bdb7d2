import { StudioApiError, type WireError } from '@topograph/api';
import type { StudioHost } from './studio-host.js';

export type IpcReply = { result: unknown } | WireError;

/**
 * The Electron transport's main-process side (host/electron/main.ts registers it with ipcMain.handle). Errors are
 * returned as data rather than thrown, because Electron flattens a thrown error to its message and the
 * renderer needs the code; the preload turns them back into StudioApiError.
 */
export async function handleIpcCall(host: StudioHost, name: unknown, input: unknown): Promise<IpcReply> {
  try {
    if (typeof name !== 'string') throw new StudioApiError('unknown-call', 'a studio call needs a name');
    return { result: await host.call(name, input) };
  } catch (e) {
    const error =
      e instanceof StudioApiError
        ? e
        : new StudioApiError('failed', e instanceof Error ? e.message : String(e));
    return { error: { code: error.code, message: error.message } };
  }
}
