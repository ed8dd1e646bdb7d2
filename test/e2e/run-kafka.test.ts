/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The run of test/e2e/run.test.ts against the Kafka-protocol test broker through a connection profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestBroker, type TestBroker } from '../kafka/broker.js';
import { launchChromium } from './support/browser.js';
import { startStudio, type RunningStudio } from './support/studio-server.js';

let broker: TestBroker;
let studio: RunningStudio;
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  broker = await startTestBroker();
  // The example's topics and the internal topics Kafka Streams would create (the mock has no CreateTopics).
  for (const topic of [
    'text',
    'word-counts',
    'word-count-by-word-repartition',
    'word-count-counts-store-changelog',
  ])
    await broker.createTopic(topic, 1);
  studio = await startStudio();
  browser = await launchChromium({ width: 1600, height: 1100 });
  page = await browser.context.newPage();
  await page.goto(`${studio.pageUrl}?example=word-count`);
  // The profile goes through the studio API like any client of it: the page's own token, the public call.
  const saved = await page.evaluate(async (brokers) => {
    const token = document.querySelector('meta[name="topograph-token"]')?.getAttribute('content') ?? '';
    const res = await fetch('/api/call/kafka.profiles.save', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-topograph-token': token },
      body: JSON.stringify({ profile: { id: 'test-broker', name: 'Test broker', brokers } }),
    });
    return res.status;
  }, broker.brokers);
  expect(saved).toBe(200);
  await page.reload();
  await page.locator('[data-testid="node-text"]').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await studio?.close();
  await broker?.stop();
});

describe('run word count on Kafka through a connection profile', () => {
  it('runs on the test broker, counts in the store browser and on the output topic, then stops', async () => {
    await page.getByLabel('Run target').selectOption('kafka:test-broker');
    await page.getByTestId('run-start').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
      null,
      { timeout: 90_000 },
    );
    await page.getByTestId('producer-lines').fill('the quick brown fox\njumps over the lazy dog');
    await page.getByTestId('producer-send').click();
    await page.waitForFunction(
      () =>
        /↓ [1-9]/.test(document.querySelector('[data-testid="metrics-to-word-counts"]')?.textContent ?? ''),
      null,
      { polling: 50, timeout: 90_000 },
    );

    await page.getByRole('tab', { name: 'Stores' }).click();
    await page.getByLabel('Query').selectOption('get');
    await page.getByPlaceholder('key').fill('the');
    await page.getByTestId('store-query').click();
    const storeRows = page.locator('[data-testid="store-browser"] tbody tr');
    await storeRows.first().waitFor();
    expect(await storeRows.first().locator('td').nth(1).textContent()).toBe('2');

    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByTestId('topic-read').click();
    const topicRows = page.locator('[data-testid="topic-viewer"] tbody tr');
    await topicRows.first().waitFor({ timeout: 30_000 });
    const output = await topicRows.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    expect(output.filter(([k]) => k === 'the').map(([, v]) => v)).toEqual(['1', '2']);

    await page.getByTestId('run-stop').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'stopped',
    );
  }, 240_000);
});
