// The sign-in as a real browser does it (Debian's Chromium): typed or opened link, the file `npm start`
// opens, and a link on another site. Each must end on the designer at the clean URL, with a cookie the
// page's scripts cannot read and that its calls and event socket carry.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserOpenPage } from '../../host/src/server/pages.js';
import { launchChromium } from '../e2e/support/browser.js';
import { startStudio, type RunningStudio } from '../e2e/support/studio-server.js';

let studio: RunningStudio;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let dir: string;
let elsewhere: Server;

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'topograph-sign-in-'));
  // Another site (localhost is not 127.0.0.1's site) linking to the printed URL.
  elsewhere = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<a id="go" href="${studio.pageUrl}&example=word-count">designer</a>`);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, 'localhost', () => resolve()));
}, 300_000);
afterAll(async () => {
  elsewhere.close();
  await browser.close();
  await studio.close();
  await rm(dir, { recursive: true, force: true });
});

/** Waits for the designer at the clean URL, then checks what the page can and cannot do with its cookie. */
async function expectSignedIn(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/' && url.search === '?example=word-count');
  await page.locator('.react-flow__node[data-id="split-words"]').waitFor();
  expect(await page.evaluate('document.cookie')).toBe('');
  expect(await page.content()).not.toContain(new URL(studio.pageUrl).searchParams.get('token'));
  const status = await page.evaluate<number>(
    `fetch('/api/call/documents.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
       .then((r) => r.status)`,
  );
  expect(status).toBe(200);
  const socket = await page.evaluate<string>(
    `new Promise((resolve) => {
       const ws = new WebSocket('ws://' + location.host + '/api/events');
       ws.onopen = () => { ws.close(); resolve('open'); };
       ws.onerror = () => resolve('refused');
     })`,
  );
  expect(socket).toBe('open');
}

describe('signing in from Chromium', () => {
  it('through the link itself (typed, pasted, or opened by the terminal)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${studio.pageUrl}&example=word-count`);
    await expectSignedIn(page);
    await page.close();
  });

  it('through the 0600 file npm start opens the browser on', async () => {
    await browser.context.clearCookies();
    const file = join(dir, 'browser-open.html');
    await writeFile(file, browserOpenPage(`${studio.pageUrl}&example=word-count`), { mode: 0o600 });
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    await expectSignedIn(page);
    await page.close();
  });

  it('through a link on another site', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`http://localhost:${(elsewhere.address() as AddressInfo).port}/`);
    await page.click('#go');
    await expectSignedIn(page);
    await page.close();
  });

  it('not at all without the link: the clean URL alone shows how to get in', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const res = await page.goto(new URL(studio.pageUrl).origin + '/?example=word-count');
    expect(res?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('Open Topograph through the link in the terminal');
    await page.close();
  });
});
