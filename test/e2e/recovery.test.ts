import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyDocument, newNode, serializeDocument } from '@topograph/document';
import type { RecoveredDocument } from '@topograph/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { DesignerPage } from './support/designer-page.js';
import { ROOT } from './support/renderer-build.js';
import { startStudio, type RunningStudio } from './support/studio-server.js';

let studio: RunningStudio;
let examplesDir: string;
const browsers: Array<{ close(): Promise<void> }> = [];

/** A template only this test's host has: the page can list it only by asking the host. */
const hostOnly = (() => {
  const doc = { ...emptyDocument('host-only-sample'), settings: { applicationId: 'host-only-sample' } };
  return serializeDocument({ ...doc, nodes: [newNode(doc, 'source.stream', { x: 0, y: 0 })] });
})();

beforeAll(async () => {
  examplesDir = mkdtempSync(join(tmpdir(), 'topograph-e2e-examples-'));
  cpSync(join(ROOT, 'examples'), examplesDir, { recursive: true });
  writeFileSync(join(examplesDir, 'host-only-sample.topology.json'), hostOnly);
  studio = await startStudio({ examplesDir });
});
afterAll(async () => {
  for (const b of browsers) await b.close();
  await studio?.close();
  rmSync(examplesDir, { recursive: true, force: true });
});

/**
 * The designer in a new Chromium with a fresh profile, so nothing the page kept in browser storage survives
 * from one call to the next: what is offered there can only come from the host.
 */
async function freshPage(query = '?example=word-count'): Promise<{ page: Page; d: DesignerPage }> {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${studio.pageUrl}${query}`);
  // The designer renders once it knows whether there is unsaved work to offer.
  await page.locator('.topbar').waitFor();
  return { page, d: new DesignerPage(page) };
}

const drafts = async () => (await studio.host.call('documents.recover', {})) as RecoveredDocument[];

/** Waits until the host holds this text as a draft (autosave runs shortly after the edits pause). */
const autosaved = (text: string) =>
  expect.poll(async () => (await drafts()).map((d) => d.text), { timeout: 30_000 }).toContain(text);

describe('unsaved work survives a crashed page, through the host', { timeout: 180_000 }, () => {
  it('offers the unsaved work, restores it identically, never offers a declined one again, and saving clears it', async () => {
    // Design a change on the word-count example, then crash: the page closes without saving or asking.
    const first = await freshPage();
    await first.d.node('text').waitFor();
    await first.d.select('text');
    await first.d.fill('topic', 'lines-in');
    const designed = await first.d.documentText();
    expect(designed).toContain('"topic": "lines-in"');
    await autosaved(designed);
    await first.page.close();

    // Another browser profile: the banner offers it; Restore brings back the identical document, unsaved.
    const second = await freshPage();
    const banner = second.page.getByTestId('recovery');
    await banner.waitFor();
    // A draft of a document never saved is named by its document.
    expect(await banner.textContent()).toMatch(
      /^Unsaved work on “word-count” \(never saved\) from .* was found\./,
    );
    await banner.getByRole('button', { name: 'Restore' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await second.d.documentText()).toBe(designed);
    expect(await second.page.getByTestId('doc-name').textContent()).toBe('word-count (unsaved) ●');
    await second.page.close();

    // Declined: gone from the host, and the next start opens the example without offering anything.
    const third = await freshPage();
    await third.page.getByTestId('recovery').getByRole('button', { name: 'Discard' }).click();
    await third.page.getByTestId('recovery').waitFor({ state: 'detached' });
    expect(await drafts()).toEqual([]);
    await third.page.reload();
    await third.d.node('text').waitFor();
    expect(await third.page.getByTestId('recovery').count()).toBe(0);

    // Saved: the edits are autosaved, then saving clears the draft, and nothing is offered after a crash.
    await third.d.select('text');
    await third.d.fill('topic', 'saved-lines');
    const saved = await third.d.documentText();
    await autosaved(saved);
    await third.d.press('ControlOrMeta+s');
    await third.d.answer('recovered');
    await expect.poll(() => third.page.getByTestId('doc-name').textContent()).toBe('recovered.topology.json');
    expect(readFileSync(join(studio.workspace, 'recovered.topology.json'), 'utf8')).toBe(saved);
    expect(await drafts()).toEqual([]);
    await third.page.close();
    const fourth = await freshPage();
    await fourth.d.node('text').waitFor();
    expect(await fourth.page.getByTestId('recovery').count()).toBe(0);

    // The host recorded the save: the Open dialog lists it under Recent.
    await fourth.d.press('ControlOrMeta+o');
    await fourth.page.locator('[data-recent="recovered.topology.json"]').waitFor();
  });

  it('"New from template" lists the host’s examples folder and opens one without a file, unchanged', async () => {
    const { page, d } = await freshPage('?empty');
    await page.locator('.canvas-empty').waitFor();
    await d.press('ControlOrMeta+o');
    const dialog = page.getByRole('dialog', { name: 'Open' });
    await dialog.getByRole('heading', { name: 'New from template' }).waitFor();
    const templates = dialog.locator('[data-template]');
    await templates.first().waitFor();
    const listed = await templates.evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-template')),
    );
    expect(listed).toEqual(
      readdirSync(examplesDir)
        .filter((n) => n.endsWith('.topology.json'))
        .sort(),
    );
    await dialog.getByRole('button', { name: 'Host Only Sample' }).click();
    await d.node('stream').waitFor();
    expect(await d.documentText()).toBe(hostOnly);
    // Nothing edited yet: not "(unsaved)", and nothing is autosaved to be offered back on the next start.
    expect(await page.getByTestId('doc-name').textContent()).toBe('host-only-sample');
  });
});
