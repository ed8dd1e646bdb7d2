import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';
import { ROOT } from './support/renderer-build.js';

/** What the deployed word count's describe() printed: the same names as the saved file. */
const DEPLOYED_WORD_COUNT = join(ROOT, 'examples', 'word-count', 'deployed.describe.txt');

/** Set TOPOGRAPH_SCREENSHOTS=1 to refresh docs/screenshots from this run; otherwise they go to test/e2e/.screenshots. */
const SHOTS =
  process.env['TOPOGRAPH_SCREENSHOTS'] === '1'
    ? join(ROOT, 'docs', 'screenshots')
    : join(ROOT, 'test', 'e2e', '.screenshots');

let page: Page;
let d: DesignerPage;
let stop: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ page, d, close: stop } = await openDesigner('?example=word-count'));
  await d.node('to-word-counts').waitFor();
});

afterAll(async () => stop?.());

const panel = () => page.getByTestId('upgrade-panel');
const verdict = () => page.getByTestId('upgrade-verdict');
const changes = () => panel().getByTestId('upgrade-change');
/** The verdict once the report is the one of the canvas as it is now (not of an edit before). */
const currentVerdict = async (): Promise<string> =>
  (await verdict().getAttribute('data-current')) === 'true' ? ((await verdict().textContent()) ?? '') : '';
const codeText = async () =>
  ((await page.getByTestId('code-view').textContent()) ?? '').replace(/\u00a0/g, ' ');

/** Renames the selected node through the inspector's Id field, as a user does (Enter commits). */
async function renameSelected(to: string): Promise<void> {
  const id = page.locator('.inspector input[name="id"]');
  await id.click();
  await id.press('ControlOrMeta+a');
  await id.pressSequentially(to);
  await id.press('Enter');
}

describe('Upgrade safety in Chromium', { timeout: 180_000 }, () => {
  it('marks a state-losing edit against the saved file, and its fix keeps the old store name', async () => {
    await d.press('ControlOrMeta+s');
    await d.answer('word-count');
    // A save is a host round trip, slow on a loaded machine: wait for it, as for every host answer below.
    await expect
      .poll(() => page.getByTestId('doc-name').textContent(), { timeout: 30_000 })
      .toBe('word-count.topology.json');

    await page.getByRole('tab', { name: 'Upgrade' }).click();
    await panel().getByRole('button', { name: 'Use the saved file' }).click();
    await expect
      .poll(() => page.getByTestId('upgrade-baseline').textContent())
      .toBe('Deployed version: saved file word-count.topology.json');
    await expect
      .poll(currentVerdict, { timeout: 30_000 })
      .toMatch(/^Nothing the running application keeps changes/);

    // Renaming the counting node renames its processor only: its store is pinned as counts-store.
    await d.select('word-counts');
    await renameSelected('tally');
    await d.node('tally').waitFor();
    await expect
      .poll(currentVerdict, { timeout: 30_000 })
      .toMatch(/^Nothing the running application keeps changes/);
    expect(await d.node('tally').getByTestId('upgrade-badge').count()).toBe(0);

    // …and its store after it: the new version would start counting from zero.
    await d.fill('storeName', 'tally-store');
    await page.locator('.inspector input[name="storeName"]').press('Enter');
    await d.node('tally').getByTestId('upgrade-badge').waitFor({ timeout: 30_000 });
    expect(await d.node('tally').getByTestId('upgrade-badge').getAttribute('title')).toBe(
      'state lost: store "counts-store" is now "tally-store"',
    );
    await expect.poll(currentVerdict, { timeout: 30_000 }).toMatch(/^State lost/);
    expect(await page.getByRole('tab', { name: /^Upgrade/ }).textContent()).toBe('Upgrade 1');
    const entry = changes().filter({ hasText: 'store "counts-store" is now "tally-store"' });
    expect(await entry.getAttribute('data-class')).toBe('state-lost');
    expect(await entry.textContent()).toContain('starts "tally-store" empty');
    await page.getByTestId('upgrade-plan').locator('summary').click();
    expect(await page.getByTestId('upgrade-plan').textContent()).toContain(
      'kafka-streams-application-reset --bootstrap-server <brokers> --application-id word-count --input-topics text',
    );
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.screenshot({ path: join(SHOTS, 'upgrade.png') });

    // Saving now asks first; keeping on editing saves nothing.
    await d.press('ControlOrMeta+s');
    const ask = page.getByTestId('ask-dialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('state lost: store "counts-store" is now "tally-store"');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.getByTestId('doc-name').textContent()).toContain('●');

    await entry.getByRole('button', { name: 'Fix: set the store name of "tally" to "counts-store"' }).click();
    await expect
      .poll(currentVerdict, { timeout: 30_000 })
      .toMatch(/^Nothing the running application keeps changes/);
    expect(await d.node('tally').getByTestId('upgrade-badge').count()).toBe(0);
    expect(await changes().count()).toBe(0);
    const doc = await d.document();
    expect(doc.nodes.find((n) => n.id === 'tally')?.config).toEqual({ storeName: 'counts-store' });

    await page.getByRole('tab', { name: 'Code' }).click();
    // Monaco renders only the lines in view: find the count's line, as a user would.
    const code = page.getByTestId('code-view');
    await expect.poll(codeText, { timeout: 20_000 }).toContain('buildTopology');
    // Click on a line of code, not the editor's top edge: the diff against the last save shows deleted lines in
    // view zones (also `.view-lines`) that come and go.
    const lines = code.locator('.editor.modified .view-lines[data-mprt]');
    await lines.locator('.view-line', { hasText: '@topograph/runtime' }).first().click();
    await page.keyboard.press('ControlOrMeta+f');
    await page.keyboard.insertText('byWord.count(');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect
      .poll(codeText, { timeout: 20_000 })
      .toContain("const tally = byWord.count({ name: 'tally', storeName: 'counts-store' });");

    // The fix is one undoable step.
    await d.press('ControlOrMeta+z');
    expect((await d.document()).nodes.find((n) => n.id === 'tally')?.config).toEqual({
      storeName: 'tally-store',
    });
    await page.getByRole('tab', { name: 'Upgrade' }).click();
    await d.node('tally').getByTestId('upgrade-badge').waitFor({ timeout: 30_000 });
  });

  it('checks against a pasted describe() of the running application', async () => {
    // The Upgrade tab is open (the last step above), with the state-losing store name undone back in.
    await panel().getByRole('button', { name: 'Paste describe()…' }).click();
    const deployed = readFileSync(DEPLOYED_WORD_COUNT, 'utf8');
    await panel().locator('textarea').fill(deployed);
    await panel().getByRole('button', { name: 'Use as deployed version' }).click();
    await expect
      .poll(() => page.getByTestId('upgrade-baseline').textContent())
      .toBe('Deployed version: pasted describe()');
    await expect.poll(currentVerdict, { timeout: 30_000 }).toMatch(/^State lost/);
    await changes()
      .filter({ hasText: 'store "counts-store" is now "tally-store"' })
      .getByRole('button', { name: /^Fix:/ })
      .click();
    await expect
      .poll(currentVerdict, { timeout: 30_000 })
      .toMatch(/^Nothing the running application keeps changes/);
  });

  it('says why a git revision cannot be the baseline of a workspace that is no git repository', async () => {
    await panel().getByRole('button', { name: 'Git revision…' }).click();
    await d.answer('v1');
    await expect
      .poll(() => page.getByTestId('upgrade-baseline').textContent())
      .toBe('Deployed version: word-count.topology.json at git v1');
    await expect
      .poll(() => panel().locator('.inline-problem.error').textContent(), { timeout: 30_000 })
      .toMatch(
        /^The upgrade check failed: .*cannot read word-count\.topology\.json at v1: .*not a git repository/,
      );
  });
});
