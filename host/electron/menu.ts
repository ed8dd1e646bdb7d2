import type { MenuCommand } from '@topograph/api';
import type { MenuItemConstructorOptions } from 'electron';

/**
 * The native menu bar: File, Edit, View, Run, Help (macOS gets its app menu first). Its commands are the ids of
 * `MENU_COMMANDS`, which the designer's command registry handles.
 */
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
