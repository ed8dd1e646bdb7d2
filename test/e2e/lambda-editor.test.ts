import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';

let page: Page;
let d: DesignerPage;
let stop: () => Promise<void>;

beforeAll(async () => {
  const session = await openDesigner('?example=clickstream');
  ({ page, d, close: stop } = session);
  await d.node('enrich').waitFor();
});

afterAll(async () => stop?.());

const editorOf = (field: string): Locator => page.locator(`.inspector [data-testid="code-${field}"]`);
const visibleText = async (field: string): Promise<string> =>
  (await editorOf(field).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
const config = async (id: string): Promise<Record<string, unknown>> =>
  (await d.document()).nodes.find((n) => n.id === id)?.config ?? {};
const errors = () => page.getByTestId('problems').locator('.problem.error');

/** Clicks into a lambda editor and types with the real keyboard: Monaco auto-closes brackets and quotes. */
async function typeInto(field: string, keys: string): Promise<void> {
  await editorOf(field).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(keys);
}

async function suggestions(): Promise<string[]> {
  const widget = page.locator('.suggest-widget .monaco-list-row');
  await widget.first().waitFor();
  return widget.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

describe('the lambda editor', () => {
  // The first test waits for Monaco's TypeScript worker to load the libraries and check every lambda once.
  it(
    'types a join’s joiner from its inputs: completions for both sides, null on the left join’s right side',
    { timeout: 90_000 },
    async () => {
      await d.select('enrich');
      await typeInto('joiner', '(click, user) => ({ ...click, country: user?.');
      await page.keyboard.press('ControlOrMeta+Space');
      const right = await suggestions();
      expect(right.some((s) => s.startsWith('country'))).toBe(true);
      expect(right.some((s) => s.startsWith('premium'))).toBe(true);
      await page.keyboard.press('Escape');
      await typeInto('joiner', '(click, user) => ({ user: click.');
      await page.keyboard.press('ControlOrMeta+Space');
      const left = await suggestions();
      expect(left.some((s) => s.startsWith('page'))).toBe(true);
      expect(left.some((s) => s.startsWith('referrer'))).toBe(true);
      await page.keyboard.press('Escape');

      // A left join's unmatched right side is null: using it unguarded is the one error.
      await typeInto(
        'joiner',
        '(click, user) => ({ user: click.user, page: click.page, country: user.country, premium: user?.premium ?? false',
      );
      const error = errors().filter({ hasText: "'user' is possibly 'null'" });
      // Polled, not read once the error shows: a check of text typed halfway (`premium: user?.pre`) finds the
      // same error beside one that the finished text no longer has (a failure in one loaded run).
      await expect
        .poll(async () => (await errors().allInnerTexts()).map((t) => t.split('\n').pop()), {
          timeout: 60_000,
        })
        .toEqual(["'user' is possibly 'null'."]);
      await typeInto(
        'joiner',
        "(click, user) => ({ user: click.user, page: click.page, country: user?.country ?? 'unknown', premium: user?.premium ?? false",
      );
      await error.waitFor({ state: 'detached', timeout: 20_000 });
      expect(await errors().count()).toBe(0);
    },
  );

  it('keeps exactly the typed text when auto-closed brackets are retyped after select-all', async () => {
    await d.select('route');
    await d.select('enrich');
    const typed = "(click, user) => ({ user: click.user, page: click.page.startsWith('/docs'";
    await typeInto('joiner', typed);
    await typeInto('joiner', typed);
    // Monaco closed `(` and `'` as they were typed; nothing else is left behind.
    await expect.poll(async () => (await config('enrich'))['joiner']).toBe(`${typed})})`);
    // The editor wraps long lines; what it shows is the stored text.
    expect((await visibleText('joiner')).replace(/\n/g, '')).toBe(`${typed})})`);
  });

  it('never shows the hidden context: not when empty, not as a sticky header', async () => {
    await typeInto('joiner', '');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await config('enrich'))['joiner']).toBe('');
    expect((await visibleText('joiner')).trim()).toBe('');
    const long = Array.from({ length: 12 }, (_, i) => `// line ${i + 1}`).join('\n');
    await editorOf('joiner').locator('.view-lines').click();
    await page.keyboard.insertText(`${long}\n(click, user) => ({ ...click, country: 'x', premium: false })`);
    await expect.poll(() => visibleText('joiner')).toContain('line 12');
    const sticky = await page.locator('.inspector .sticky-widget').allInnerTexts();
    expect(sticky.join('')).not.toContain('__lambda');
    expect(await visibleText('joiner')).not.toMatch(/__lambda|interface Window|Windowed/);
  });

  it('is at least four lines tall and grows with its lambda', async () => {
    await typeInto('joiner', '(click, user) => click');
    const short = (await editorOf('joiner').boundingBox())?.height ?? 0;
    expect(short).toBeGreaterThanOrEqual(4 * 19);
    await page.keyboard.insertText('\n\n\n\n\n\n\n\n');
    await expect
      .poll(async () => (await editorOf('joiner').boundingBox())?.height ?? 0)
      .toBeGreaterThan(short + 3 * 19);
  });

  it('selects all of the code panel with Ctrl+A there, not the inspector’s lambda', async () => {
    const typed = "(click, user) => ({ ...click, country: user?.country ?? '', premium: false })";
    await typeInto('joiner', typed);
    await expect.poll(async () => (await config('enrich'))['joiner']).toBe(typed);
    await page.getByRole('tab', { name: 'Code' }).click();
    const code = page.getByTestId('code-view');
    await code.locator('.editor.modified .view-lines[data-mprt]').waitFor();
    // The host generates the code shortly after the panel opens.
    const lines = code.locator('.editor.modified .view-lines[data-mprt]');
    await expect
      .poll(async () => (await lines.innerText()).replace(/\u00a0/g, ' '), { timeout: 20_000 })
      .toContain('Generated by Topograph');
    // Click on code as a user would: the import line, not the top edge, where the diff against the last save
    // may show a deleted header line in a view zone that takes the click.
    await lines.locator('.view-line', { hasText: '@topograph/runtime' }).first().click({ timeout: 5_000 });
    await page.keyboard.press('ControlOrMeta+a');
    await expect.poll(() => code.locator('.selected-text').count()).toBeGreaterThan(0);
    expect(await editorOf('joiner').locator('.selected-text').count()).toBe(0);
  });
});
