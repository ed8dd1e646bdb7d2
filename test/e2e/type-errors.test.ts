import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';

let page: Page;
let d: DesignerPage;
let stop: () => Promise<void>;

beforeAll(async () => {
  const session = await openDesigner('?example=word-count');
  ({ page, d, close: stop } = session);
  await d.node('to-word-counts').waitFor();
});

afterAll(async () => stop?.());

const runState = async () => (await page.getByTestId('run-state').textContent()) ?? '';

describe('type errors of the generated code', () => {
  // The host's first type-check loads the runtime's and Node's declarations.
  it(
    'shows the host’s type error in Problems with its message and the node’s label',
    { timeout: 90_000 },
    async () => {
      await d.select('to-word-counts');
      // Counts are numbers; written with the string serde they would not be what the topic's readers expect.
      await d.fill('valueSerde', 'string');
      const problem = page.getByTestId('problems').locator('.problem.error', {
        hasText: "Type 'Serde<string>' is not assignable to type 'Serde<number>'",
      });
      await problem.waitFor({ timeout: 60_000 });
      expect(await problem.locator('.where').innerText()).toContain('to-word-counts');
    },
  );

  it(
    'asks before running a topology that does not type-check, and says why',
    { timeout: 120_000 },
    async () => {
      await page.getByTestId('run-start').click();
      const gate = page.getByTestId('run-gate');
      await gate.waitFor({ timeout: 30_000 });
      expect(await gate.innerText()).toContain(
        "Type 'Serde<string>' is not assignable to type 'Serde<number>'",
      );
      // The designer's one dialog (ui/Modal): the safe answer has focus and Tab stays inside.
      const focusedText = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
      expect(await focusedText()).toBe('Cancel');
      await page.keyboard.press('Tab');
      expect(await focusedText()).toBe('Run anyway');
      await page.keyboard.press('Tab');
      expect(await focusedText()).toBe('Cancel');
      await page.keyboard.press('Escape');
      await gate.waitFor({ state: 'detached' });
      expect(await runState()).toBe('idle');

      await page.getByTestId('run-start').click();
      await gate.getByRole('button', { name: 'Run anyway' }).click();
      await expect.poll(runState, { timeout: 60_000 }).not.toBe('idle');
      await page.getByTestId('run-stop').click();
      await expect.poll(runState, { timeout: 60_000 }).toBe('stopped');
    },
  );

  it(
    'runs without asking once the code type-checks again; a To topic’s unset serde is inherited',
    { timeout: 120_000 },
    async () => {
      // Still selected from the first test (the open run dock leaves little of the canvas to click in).
      expect(await page.locator('.inspector h2').innerText()).toContain('To topic');
      const inherited = page.locator('.inspector [data-field="valueSerde"] select');
      await inherited.selectOption('');
      expect(await inherited.inputValue()).toBe('');
      expect(await inherited.locator('option:checked').innerText()).toBe('inherited');
      await page
        .getByTestId('problems')
        .locator('.problem.error')
        .first()
        .waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByTestId('run-start').click();
      await expect.poll(runState, { timeout: 60_000 }).toBe('running');
      expect(await page.getByTestId('run-gate').count()).toBe(0);
      await page.getByTestId('run-stop').click();
      await expect.poll(runState, { timeout: 60_000 }).toBe('stopped');
    },
  );

  it(
    'renames a node’s id from the inspector; Problems, the header and the code follow',
    { timeout: 120_000 },
    async () => {
      const id = page.locator('.inspector input[name="id"]');
      await id.fill('write-counts');
      await id.press('Enter');
      await expect.poll(async () => (await d.document()).nodes.map((n) => n.id)).toContain('write-counts');
      expect((await d.document()).edges.some((e) => e.target === 'write-counts')).toBe(true);
      await page.locator('.inspector input[name="label"]').fill('Counts out');
      expect(await page.locator('.inspector h2').innerText()).toContain('Counts out');
      await page.locator('.inspector [data-field="valueSerde"] select').selectOption('string');
      const problem = page.getByTestId('problems').locator('.problem.error', { hasText: 'Serde<string>' });
      await problem.waitFor({ timeout: 60_000 });
      expect(await problem.locator('.where').innerText()).toMatch(/^Counts out/);

      await page.getByRole('tab', { name: 'Code' }).click();
      const lines = page.getByTestId('code-view').locator('.editor.modified .view-lines[data-mprt]');
      const text = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
      await expect.poll(text, { timeout: 30_000 }).toContain('from an unsaved topology document');
      expect(await text()).not.toContain('.topology.json');
    },
  );
});
