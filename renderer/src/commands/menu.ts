import type { MenuBridge } from '@topograph/api';
import type { Command } from './commands.js';
import { notify } from '../store/ui.js';

/**
 * Runs the native menu's commands (Electron: File › Save, Run › Run …) through the command registry, like the
 * command palette does; returns the unsubscribe function. Without a menu bridge (browser mode) it does nothing.
 */
export function connectMenu(bridge: MenuBridge | undefined, commands: readonly Command[]): () => void {
  if (!bridge) return () => undefined;
  return bridge.on((id, ...args) => {
    const command = commands.find((c) => c.id === id);
    if (command) command.run(...args);
    else notify('error', `The menu sent "${id}", which this designer has no command for`);
  });
}
