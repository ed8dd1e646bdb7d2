/**
 * Every command the native menu sends to the page (over `IPC_MENU`, as `(command, ...args)`). The designer runs
 * each through the same command registry as its command palette, so the two cannot drift: a test fails when an
 * id here has no command in the renderer, or the menu sends one that is not here.
 */
export const MENU_COMMANDS = [
  'file.new',
  /** With a workspace-relative path when the host already asked which file (Electron's native dialog). */
  'file.open',
  'file.save',
  'file.saveAs',
  'file.export',
  'run.start',
  'run.stop',
  'run.restart',
  'run.reset',
  'help.docs',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the Electron preload exposes as `window.topographMenu`. */
export interface MenuBridge {
  /** Receives each menu command with its arguments; returns the unsubscribe function. */
  on(listener: (command: string, ...args: string[]) => void): () => void;
}
