/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Page functions run in Chromium, so this file needs the DOM types.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { ROOT } from './support/renderer-build.js';
import { startStudio, type RunningStudio } from './support/studio-server.js';

const NODES = ['text', 'split-words', 'by-word', 'word-counts', 'changes', 'to-word-counts'];
/** Set TOPOGRAPH_SCREENSHOTS=1 to refresh docs/screenshots from this run. */
const SCREENSHOTS = process.env['TOPOGRAPH_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'screenshots') : null;

let studio: RunningStudio;
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchChromium({ width: 1600, height: 1100 });
  page = await browser.context.newPage();
  await page.goto(`${studio.pageUrl}?example=word-count`);
  await page.locator('[data-testid="node-text"]').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

/** Every node shows records in: its total beside the rate (which falls back to 0.0/s once input stops). */
async function waitForRatesOnEveryNode(): Promise<void> {
  await page.waitForFunction(
    (ids) => {
      const w = window as unknown as { seenRates?: Set<string> };
      w.seenRates ??= new Set();
      for (const id of ids) {
        const text = document.querySelector(
          `[data-testid="metrics-${id}"] [data-testid="rate-in"]`,
        )?.textContent;
        if (text && /^↓ [1-9]/.test(text)) w.seenRates.add(id);
      }
      return ids.every((id) => w.seenRates?.has(id));
    },
    NODES,
    { polling: 50, timeout: 60_000 },
  );
}

describe('run word count on the embedded cluster in the browser', () => {
  it('runs, shows live metrics, answers store queries, reads the output topic, taps an edge and stops', async () => {
    await page.getByTestId('run-start').click();
    // The session process starts (and loads the runtime) on a machine shared with other tests.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
      null,
      { timeout: 60_000 },
    );

    await page.getByRole('tab', { name: 'Taps' }).click();
    await page.getByTestId('tap-e2').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid="tap-e2"]')?.checked,
    );
    await page.getByRole('tab', { name: 'Producer' }).click();
    await page.getByTestId('producer-lines').fill('the quick brown fox\njumps over the lazy dog');
    await page.getByTestId('producer-send').click();
    await waitForRatesOnEveryNode();

    await page.getByRole('tab', { name: 'Stores' }).click();
    await page.getByLabel('Query').selectOption('get');
    await page.getByPlaceholder('key').fill('the');
    await page.getByTestId('store-query').click();
    const storeRows = page.locator('[data-testid="store-browser"] tbody tr');
    await storeRows.first().waitFor();
    expect(await storeRows.count()).toBe(1);
    expect(await storeRows.first().locator('td').nth(1).textContent()).toBe('2');
    await page.getByLabel('Query').selectOption('all');
    await page.getByTestId('store-query').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="store-browser"] tbody tr').length === 8,
    );

    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByTestId('topic-read').click();
    const topicRows = page.locator('[data-testid="topic-viewer"] tbody tr');
    await topicRows.first().waitFor();
    const output = await topicRows.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    expect(output.filter(([k]) => k === 'the').map(([, v]) => v)).toEqual(['1', '2']);
    expect(output).toHaveLength(9);

    await page.getByRole('tab', { name: 'Taps' }).click();
    const tapRows = page.locator('[data-testid="tap-records-e2"] tbody tr');
    await tapRows.first().waitFor();
    const tapped = await tapRows.evaluateAll((rows) =>
      rows.map((r) => r.querySelectorAll('td')[2]?.textContent),
    );
    expect(tapped).toEqual(['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'the', 'lazy', 'dog']);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'run-taps.png') });
      // A steady stream from the generator, so the picture shows rates, sparklines and moving edges.
      await page.getByRole('tab', { name: 'Producer' }).click();
      await page.getByRole('button', { name: 'Start generator' }).click();
      await page.locator('.react-flow__controls-fitview').click();
      await page.waitForTimeout(6000);
      await page.screenshot({ path: join(SCREENSHOTS, 'run-live-metrics.png') });
      await page.locator('.react-flow').screenshot({ path: join(SCREENSHOTS, 'run-canvas-metrics.png') });
    }

    await page.getByTestId('run-stop').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'stopped',
    );
  }, 240_000);
});
