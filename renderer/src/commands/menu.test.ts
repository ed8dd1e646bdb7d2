import { MENU_COMMANDS, type MenuBridge } from '@topograph/api';
import { describe, expect, it } from 'vitest';
import { localStudio } from '../api/local.js';
import { MemoryStorage } from '../test-support/memory-storage.js';
import { buildCommands, type Command } from './commands.js';
import { connectMenu } from './menu.js';
import { useUi } from '../store/ui.js';

const studio = localStudio(new MemoryStorage());
const registry = buildCommands({
  studio,
  flow: {
    getNodes: () => [],
    getNodesBounds: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    setViewport: async () => true,
    zoomIn: async () => true,
    zoomOut: async () => true,
    screenToFlowPosition: (p) => p,
  },
});

/** A menu bridge the test sends commands through, as Electron's preload would. */
function fakeBridge() {
  const listeners = new Set<(command: string, ...args: string[]) => void>();
  const bridge: MenuBridge = {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    bridge,
    send: (command: string, ...args: string[]) => listeners.forEach((l) => l(command, ...args)),
  };
}

describe('native menu commands in the designer', () => {
  // The menu's side (it sends exactly these ids) is host/electron/menu.test.ts.
  it.each(MENU_COMMANDS)('%s has a command in the registry', (id) => {
    expect(registry.map((c) => c.id)).toContain(id);
  });

  it('gives every registry command its own id', () => {
    const ids = registry.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('runs the registry command a menu item names, with its arguments, until unsubscribed', () => {
    const calls: string[][] = [];
    const commands: Command[] = [{ id: 'file.open', title: 'Open', run: (...args) => calls.push(args) }];
    const { bridge, send } = fakeBridge();
    const off = connectMenu(bridge, commands);
    send('file.open', 'flows/a.topology.json');
    send('file.open');
    off();
    send('file.open', 'after.topology.json');
    expect(calls).toEqual([['flows/a.topology.json'], []]);
  });

  it('says so when the menu sends a command the designer does not have', () => {
    const { bridge, send } = fakeBridge();
    connectMenu(bridge, []);
    send('file.frobnicate');
    expect(useUi.getState().notice).toMatchObject({ kind: 'error' });
    expect(useUi.getState().notice?.text).toContain('file.frobnicate');
  });

  it('does nothing without a menu bridge (browser mode)', () => {
    expect(() => connectMenu(undefined, registry)()).not.toThrow();
  });
});
