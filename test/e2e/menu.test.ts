import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';

// Electron's preload exposes `window.topographMenu`; browser mode has none, so the test installs one it can
// send menu commands through, shaped like the preload's (see host/electron/preload.ts). `window.open` is recorded
// instead of opening pages from the internet.
const FAKE_MENU = `
  window.__menuListeners = [];
  window.topographMenu = {
    on(listener) {
      window.__menuListeners.push(listener);
      return () => { window.__menuListeners = window.__menuListeners.filter((l) => l !== listener); };
    },
  };
  window.__opened = [];
  window.open = (url) => { window.__opened.push(String(url)); return null; };
`;

let page: Page;
let d: DesignerPage;
let workspace: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  const session = await openDesigner('?example=word-count', { initScript: FAKE_MENU });
  ({ page, d } = session);
  workspace = session.studio.workspace;
  stop = session.close;
  await d.node('to-word-counts').waitFor();
});

afterAll(async () => stop?.());

/** What Electron's main process does for a menu click: send the command (and its arguments) to the page. */
const menu = (command: string, ...args: string[]): Promise<void> =>
  page.evaluate(
    ([c, a]) => {
      // Page code: `window` here is the page's, with the fake bridge's listeners.
      const w = globalThis as unknown as { __menuListeners: Array<(c: string, ...a: string[]) => void> };
      for (const l of w.__menuListeners) l(c, ...a);
    },
    [command, args] as const,
  );

describe('native menu commands in Chromium', { timeout: 120_000 }, () => {
  it('View and Edit commands act on the designer (theme, undo, redo)', async () => {
    // The designer subscribes once. (The page's CSP forbids the eval behind waitForFunction; evaluate is fine.)
    await expect.poll(() => page.evaluate('window.__menuListeners.length')).toBe(1);
    const theme = () => page.evaluate('document.documentElement.dataset.theme');
    expect(await theme()).toBe('light');
    await menu('view.theme');
    await expect.poll(theme).toBe('dark');
    await menu('view.theme');
    await expect.poll(theme).toBe('light');

    const before = await d.documentText();
    await d.select('changes');
    await d.press('Delete');
    await d.node('changes').waitFor({ state: 'detached' });
    await menu('edit.undo');
    await d.node('changes').waitFor();
    expect(await d.documentText()).toBe(before);
    await menu('edit.redo');
    await d.node('changes').waitFor({ state: 'detached' });
    await menu('edit.undo');
    await d.node('changes').waitFor();
  });

  it('File › Save asks for a name and writes the workspace file; File › New clears; File › Open with a path opens it', async () => {
    const saved = await d.documentText();
    await menu('file.save');
    await d.answer('from-menu');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('from-menu.topology.json');
    const file = join(workspace, 'from-menu.topology.json');
    expect(readFileSync(file, 'utf8')).toBe(saved);

    await menu('file.new');
    await d.node('to-word-counts').waitFor({ state: 'detached' });
    expect((await d.document()).nodes).toEqual([]);

    // Electron's main process shows its native dialog, then sends the chosen workspace path.
    await menu('file.open', 'from-menu.topology.json');
    await d.node('to-word-counts').waitFor();
    expect(await d.documentText()).toBe(saved);
    expect(await page.getByTestId('doc-name').textContent()).toBe('from-menu.topology.json');
  });

  it('File › Export Project writes a standalone project into the workspace folder the user names', async () => {
    await menu('file.export');
    await d.answer('exported/word-count');
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 90_000 })
      .toContain('files to exported/word-count');
    const dir = join(workspace, 'exported', 'word-count');
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
    expect(readFileSync(join(dir, 'src', 'topology.ts'), 'utf8')).toContain("name: 'to-word-counts'");
  });

  it('Run › Run and Run › Stop drive a session like the dock buttons', async () => {
    const state = () => page.getByTestId('run-state').textContent();
    await menu('run.start');
    await expect.poll(state, { timeout: 60_000 }).toBe('running');
    await menu('run.stop');
    await expect.poll(state, { timeout: 30_000 }).toBe('stopped');
  });

  it('Help › Documentation opens the docs', async () => {
    await menu('help.docs');
    expect(await page.evaluate('window.__opened')).toEqual(['https://github.com/topograph/topograph#readme']);
  });
});
