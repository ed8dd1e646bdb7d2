import type { MenuItemConstructorOptions } from 'electron';

/** Commands the menu sends to the renderer; the designer's command palette handles the same names. */
export type MenuCommand =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.export'
  | 'run.start'
  | 'run.stop'
  | 'run.restart'
  | 'run.reset'
  | 'help.docs';

/** The native menu bar: File, Edit, View, Run, Help (macOS gets its app menu first). */
export function menuTemplate(
  send: (command: MenuCommand) => void,
  isMac: boolean,
): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {}),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        item('New', 'file.new', 'CmdOrCtrl+N'),
        item('Open…', 'file.open', 'CmdOrCtrl+O'),
        { type: 'separator' },
        item('Save', 'file.save', 'CmdOrCtrl+S'),
        item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export Project…', 'file.export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      label: 'Run',
      submenu: [
        item('Run', 'run.start', 'F5'),
        item('Stop', 'run.stop', 'Shift+F5'),
        item('Restart', 'run.restart', 'CmdOrCtrl+Shift+F5'),
        item('Reset and Replay', 'run.reset'),
      ],
    },
    { role: 'help', submenu: [item('Topograph Documentation', 'help.docs')] },
  ];
}
