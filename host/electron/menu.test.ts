import { MENU_COMMANDS, type MenuCommand } from '@topograph/api';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

/** Every command the menu's items send when clicked, submenus included. */
function sentBy(isMac: boolean): MenuCommand[] {
  const sent: MenuCommand[] = [];
  const visit = (items: MenuItemConstructorOptions[]): void => {
    for (const item of items) {
      // The template's own items ignore click's arguments; role items have no click.
      (item.click as (() => void) | undefined)?.();
      if (Array.isArray(item.submenu)) visit(item.submenu);
    }
  };
  visit(menuTemplate((c) => sent.push(c), isMac));
  return sent;
}

// The renderer's side (every id has a command) is renderer/src/commands/menu.test.ts.
describe('the native menu', () => {
  it.each([false, true])('sends exactly the shared MENU_COMMANDS (macOS: %s)', (isMac) => {
    const sent = sentBy(isMac);
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
    expect(sent).toHaveLength(MENU_COMMANDS.length);
  });
});
