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
 * A fresh browser-mode studio and a Chromium page signed in through its printed link, opened at `query`
 * (e.g. `?example=word-count`). An uncaught error in the page fails the test. `initScript` runs before the page's own scripts.
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
  // Through the printed link, as a user does; the server answers with the designer at the clean URL.
  await page.goto(`${studio.pageUrl}${query.replace(/^\?/, '&')}`);
  if (new URL(page.url()).searchParams.has('token'))
    throw new Error(`the sign-in link did not redirect to the designer: ${page.url()}`);
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
