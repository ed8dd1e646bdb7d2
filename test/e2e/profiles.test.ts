/// <reference lib="dom" />
// The Kafka connections dialog of the run dock, driven with the mouse and keyboard in Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestBroker, type TestBroker } from '../kafka/broker.js';
import { launchChromium } from './support/browser.js';
import { ROOT } from './support/renderer-build.js';
import { startStudio, type RunningStudio } from './support/studio-server.js';

/** Set TOPOGRAPH_SCREENSHOTS=1 to refresh docs/screenshots from this run. */
const SCREENSHOTS = process.env['TOPOGRAPH_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'screenshots') : null;

let broker: TestBroker;
let studio: RunningStudio;
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  broker = await startTestBroker();
  studio = await startStudio();
  browser = await launchChromium({ width: 1400, height: 900 });
  page = await browser.context.newPage();
  await page.goto(`${studio.pageUrl}?example=word-count`);
  await page.locator('[data-testid="node-text"]').waitFor();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await studio?.close();
  await broker?.stop();
});

const dialog = () => page.getByTestId('profiles-dialog');
const targets = () =>
  page
    .getByLabel('Run target')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

async function openManager(): Promise<void> {
  await page.getByLabel('Run target').selectOption({ label: 'Manage connections…' });
  await dialog().waitFor();
}

describe('Kafka connections dialog', () => {
  it('creates a profile with the keyboard; it becomes the run target and can list the broker’s topics', async () => {
    await broker.createTopic('text', 1);
    await openManager();
    await dialog().getByRole('button', { name: '+ Add connection' }).click();
    await dialog().getByLabel('Name').click();
    await page.keyboard.type('Test broker');
    await dialog().getByLabel('Bootstrap servers').click();
    await page.keyboard.type(broker.brokers.join(', '));
    await page.keyboard.press('Enter');

    await dialog()
      .getByRole('button', { name: /^Test broker/ })
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await targets()).toContain('kafka:test-broker');
    expect(await page.getByLabel('Run target').inputValue()).toBe('kafka:test-broker');

    // The saved profile really reaches the broker: the host lists its topics through it.
    const topics = await page.evaluate(async () => {
      const token = document.querySelector('meta[name="topograph-token"]')?.getAttribute('content') ?? '';
      const res = await fetch('/api/call/topics.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-topograph-token': token },
        body: JSON.stringify({ profileId: 'test-broker' }),
      });
      return (await res.json()) as unknown;
    });
    expect(JSON.stringify(topics)).toContain('"text"');
  }, 60_000);

  it("refuses an invalid bootstrap server with the API's message next to the field", async () => {
    await openManager();
    await dialog().getByRole('button', { name: '+ Add connection' }).click();
    // A new connection named like an existing one would replace it: refused before the host is asked.
    await dialog().getByLabel('Name').fill('test broker');
    await dialog().getByLabel('Bootstrap servers').fill('127.0.0.1:1');
    await dialog().getByTestId('profile-save').click();
    const invalid = dialog().locator('.profiles-field.invalid');
    await invalid.locator('em').waitFor();
    expect(await invalid.locator('span').first().textContent()).toBe('Name');
    expect(await invalid.locator('em').textContent()).toMatch(/already uses the id test-broker/);

    await dialog().getByLabel('Name').fill('Broken');
    await dialog().getByLabel('Bootstrap servers').fill('localhost');
    await dialog().getByTestId('profile-save').click();
    const field = dialog().locator('.profiles-field.invalid', { hasText: 'Bootstrap servers' });
    await field.locator('em').waitFor();
    expect(await field.locator('em').textContent()).toBe('a broker is host:port');
    expect(await invalid.count()).toBe(1);
    expect(
      await dialog()
        .getByRole('button', { name: /^Broken/ })
        .count(),
    ).toBe(0);
  }, 30_000);

  it('keeps a SASL password write-only: "stored" once saved, never echoed back', async () => {
    await dialog().getByLabel('Bootstrap servers').fill('kafka.example:9093');
    await dialog().getByLabel('Use SSL/TLS').check();
    await dialog().getByLabel('SASL').selectOption('scram-sha-512');
    await dialog().getByLabel('Username').fill('app');
    await dialog().getByTestId('profile-password').fill('hunter2');
    await page.keyboard.press('Enter');
    await dialog()
      .getByRole('button', { name: /^Broken/ })
      .click();
    expect(await dialog().getByTestId('profile-password').inputValue()).toBe('');
    await dialog().getByText('stored', { exact: true }).waitFor();
    expect(await dialog().innerHTML()).not.toContain('hunter2');
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      // The dialog alone: toasts from other parts of the designer would only distract from it.
      await dialog().screenshot({ path: join(SCREENSHOTS, 'kafka-profiles.png') });
    }
  }, 30_000);

  it('deletes a profile only after confirmation', async () => {
    await dialog().getByRole('button', { name: 'Delete Broken' }).click();
    await dialog().getByRole('button', { name: 'Keep' }).click();
    expect(
      await dialog()
        .getByRole('button', { name: /^Broken/ })
        .count(),
    ).toBe(1);
    await dialog().getByRole('button', { name: 'Delete Broken' }).click();
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    // The confirmation stands in for the entry until the host has answered; then the reload drops the entry.
    // (Waiting for the entry alone returned at once, and Close then passed on the list from before the delete.)
    await dialog().getByRole('alertdialog').waitFor({ state: 'detached' });
    await dialog()
      .getByRole('button', { name: /^Broken/ })
      .waitFor({ state: 'detached' });
    await dialog().getByRole('button', { name: 'Close' }).click();
    expect(await targets()).toEqual(['memory', 'kafka:test-broker', 'manage-connections']);
  }, 30_000);
});
