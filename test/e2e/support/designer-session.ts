import type { Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { DesignerPage } from './designer-page.js';
import { startStudio, type RunningStudio } from './studio-server.js';

export interface DesignerSession {
  studio: RunningStudio;
  page: Page;
  d: DesignerPage;
  close(): Promise<void>;
}

/**
 * A fresh browser-mode studio and a Chromium page on it, opened at `query` (e.g. `?example=word-count`). An
 * uncaught error in the page fails the test. `initScript` runs before the page's own scripts.
 */
export async function openDesigner(
  query: string,
  options: { initScript?: string } = {},
): Promise<DesignerSession> {
  const studio = await startStudio();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  if (options.initScript !== undefined) await page.addInitScript(options.initScript);
  await page.goto(`${studio.pageUrl}${query}`);
  return {
    studio,
    page,
    d: new DesignerPage(page),
    close: async () => {
      await browser.close();
      await studio.close();
    },
  };
}
