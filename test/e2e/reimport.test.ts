import { loadDocument } from '@topograph/document';
import { generate } from '@topograph/codegen';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';

let page: Page;
let d: DesignerPage;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ page, d, close: stop } = await openDesigner('?example=word-count'));
  await d.node('to-word-counts').waitFor();
});

afterAll(async () => stop?.());

/** Node positions as saved (`layout`), by id. */
const layoutOf = (text: string): Record<string, { x: number; y: number }> =>
  (JSON.parse(text) as { layout: Record<string, { x: number; y: number }> }).layout;

/** Puts the cursor in the code editor right after the first match of `text`, through Monaco's find widget. */
async function cursorAfter(text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
}

// Page code is passed as a string (this file is type-checked without the DOM library) to evaluate, not to
// waitForFunction, whose eval the page's CSP forbids.
const FOCUS_IN_EDITOR = `document.activeElement?.closest('[data-testid="code-edit"]') !== null`;
const editor = () => page.getByTestId('code-edit');
const reimport = () => page.getByRole('button', { name: 'Re-import into canvas' });

describe('Edit & re-import in Chromium', { timeout: 120_000 }, () => {
  let original: string;
  let edited: string;

  it('reads typed code back into the canvas, keeping every unchanged node where it was', async () => {
    original = await d.documentText();
    await page.getByRole('tab', { name: 'Code' }).click();
    await page.getByRole('button', { name: 'Edit & re-import…' }).click();
    await editor().locator('.view-lines').waitFor();
    await expect.poll(() => page.evaluate(FOCUS_IN_EDITOR)).toBe(true);

    // Add a step after the toStream node: `changes` then stands for the peek, which feeds the sink.
    await cursorAfter("toStream({ name: 'changes' })");
    await page.keyboard.insertText(".peek((k, v) => console.log(k, v), { name: 'log-counts' })");
    await reimport().click();
    await d.node('log-counts').waitFor();

    edited = await d.documentText();
    const doc = await d.document();
    expect(doc.nodes.find((n) => n.id === 'log-counts')).toMatchObject({
      kind: 'peek',
      config: { action: '(k, v) => console.log(k, v)' },
    });
    const edges = doc.edges.map((e) => `${e.source}->${e.target}`);
    expect(edges).toContain('changes->log-counts');
    expect(edges).toContain('log-counts->to-word-counts');
    expect(edges).not.toContain('changes->to-word-counts');
    // Unchanged nodes keep their places; the added one lands on none of them.
    const before = layoutOf(original);
    const after = layoutOf(edited);
    for (const id of Object.keys(before)) expect(after[id], id).toEqual(before[id]);
    const added = await d.node('log-counts').boundingBox();
    for (const id of Object.keys(before)) {
      const box = await d.node(id).boundingBox();
      if (!added || !box) throw new Error(`${id} is not on the canvas`);
      const apart =
        added.x >= box.x + box.width ||
        box.x >= added.x + added.width ||
        added.y >= box.y + box.height ||
        box.y >= added.y + added.height;
      expect(apart, `log-counts overlaps ${id}`).toBe(true);
    }
    // Back to the read-only diff, which now shows the step.
    await page.getByRole('button', { name: 'Edit & re-import…' }).waitFor();
  });

  it('undoes the whole re-import with one Ctrl+Z, and redoes it', async () => {
    await d.press('ControlOrMeta+z');
    await d.node('log-counts').waitFor({ state: 'detached' });
    expect(await d.documentText()).toBe(original);
    await d.press('ControlOrMeta+Shift+z');
    await d.node('log-counts').waitFor();
    expect(await d.documentText()).toBe(edited);
  });

  it('shows what the parser cannot read with line and column, and keeps both the canvas and the edit', async () => {
    await page.getByRole('button', { name: 'Edit & re-import…' }).click();
    await editor().locator('.view-lines').waitFor();
    await expect.poll(() => page.evaluate(FOCUS_IN_EDITOR)).toBe(true);
    await cursorAfter('return builder.build();');
    await page.keyboard.press('Home');
    await page.keyboard.insertText('changes.explode(); ');
    await reimport().click();

    const problems = page.getByTestId('reimport-problems');
    await problems.waitFor();
    // Where the parser should point: the unknown operator on the line of `return`.
    const doc = loadDocument(edited).document;
    if (!doc) throw new Error('the re-imported document does not load');
    const code = (await generate(doc, { typeCheck: false })).files[0]?.content ?? '';
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes('return builder.build();')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('return') + 1 + 'changes.'.length;
    expect(await problems.textContent()).toContain(`${line}:${column} no node kind reads changes.explode(…)`);
    expect(await d.documentText()).toBe(edited);
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('the canvas is unchanged');

    // The edit survives a trip to another tab.
    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.getByRole('tab', { name: 'Code' }).click();
    await editor().locator('.view-line', { hasText: 'changes.explode();' }).waitFor();

    // Code the document could not hold is refused the same way, not dropped from a smaller canvas: here a
    // peek chained onto toStream's options object, which no node kind reads. The Code tab has the focus;
    // Monaco listens on its hidden textarea.
    await editor().locator('textarea').first().focus();
    await expect.poll(() => page.evaluate(FOCUS_IN_EDITOR)).toBe(true);
    await cursorAfter("toStream({ name: 'changes' }");
    await page.keyboard.insertText('.peek((k, v) => console.log(k, v))');
    await reimport().click();
    const optionsLine = lines.findIndex((l) => l.includes("toStream({ name: 'changes' })")) + 1;
    const optionsColumn = (lines[optionsLine - 1] ?? '').indexOf("{ name: 'changes' }") + 1;
    await expect
      .poll(() => problems.textContent())
      .toContain(
        `${optionsLine}:${optionsColumn} cannot read \`{ name: 'changes' }.peek((k, v) => console.log(k, v))\` here`,
      );
    expect(await d.documentText()).toBe(edited);

    await page.getByRole('button', { name: 'Cancel edit' }).click();
    await page.getByTestId('code-view').waitFor();
    expect(await d.documentText()).toBe(edited);
  });
});
