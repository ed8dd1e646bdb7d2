/// <reference lib="dom" />
// The rest of issue 12, as a user meets it in Chromium at 1440×900 with the real mouse and keyboard: word count
// opens whole, its code diff has one column of line numbers, the Producer offers its sample lines as text, the
// figures on the nodes and the Topics table read, Restart is offered only while something runs, templates open
// without a question, a join's result type follows its joiner, and unsaved work is offered back exactly when
// it was left behind — beside the ?example= asked for, never in its place.
import type { RecoveredDocument } from '@topograph/api';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner, type DesignerSession } from './support/designer-session.js';

let s: DesignerSession;
let page: Page;
let d: DesignerPage;

beforeAll(async () => {
  s = await openDesigner('?example=word-count');
  ({ page, d } = s);
  await d.node('text').waitFor();
});
afterAll(async () => s?.close());

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};
const state = (want: string) =>
  page.waitForFunction(
    (w) => document.querySelector('[data-testid="run-state"]')?.textContent === w,
    want,
    // The session process starts (and loads the runtime) on a machine shared with other tests.
    { timeout: 60_000 },
  );
const dockTab = (name: string) => page.getByTestId('run-dock').getByRole('tab', { name, exact: true });
const bottomTab = (t: string) => page.getByTestId('bottom-panel').locator(`[role="tab"][data-tab="${t}"]`);
const drafts = async () => (await s.studio.host.call('documents.recover', {})) as RecoveredDocument[];
const askDialogs = () => page.getByRole('alertdialog');

/** Shows the Code tab: its button folds the panel when the tab is already showing. */
async function showCode(): Promise<Locator> {
  const view = page.getByTestId('code-view');
  if (!(await view.isVisible())) await bottomTab('code').click();
  await view.waitFor();
  return view;
}

async function openTemplate(file: string): Promise<void> {
  await d.press('ControlOrMeta+o');
  const dialog = page.getByRole('dialog', { name: 'Open' });
  await dialog.locator(`[data-template="${file}"]`).click();
}

describe('a second look at the designer', { timeout: 180_000 }, () => {
  it('shows the code diff with one column of line numbers', async () => {
    const view = await showCode();
    await view.locator('.view-lines', { hasText: 'buildTopology' }).first().waitFor();
    // Inline, the saved code's gutter would draw the same line numbers a second time beside the live code's.
    expect((await box(view.locator('.editor.modified'))).width).toBeGreaterThan(500);
    expect((await view.locator('.editor.original').boundingBox())?.width ?? 0).toBeLessThan(1);
  });

  it('runs word count: sample lines offered as text, figures and the Topics table readable, Restart only while it runs', async () => {
    await page.getByTestId('run-start').click();
    await state('running');
    // Before any record: an empty store says so, rather than showing bare headers.
    await dockTab('Stores').click();
    await page.getByTestId('store-query').click();
    await expect
      .poll(() => page.getByTestId('entries-empty').textContent())
      .toBe('counts-store holds no entries yet.');
    await dockTab('Producer').click();
    await page.getByTestId('producer-topic').selectOption('text');
    // A string topic's samples as the lines a user would type, not as JSON records.
    expect(await page.getByTestId('producer-lines').inputValue()).toBe('the quick brown fox\nthe lazy dog');
    await page.getByTestId('producer-send').click();
    await page.getByText('sent 2 records to text').waitFor();

    // The figures on a card read at 8 px or more on screen at the zoom the canvas opened with.
    const rate = page.getByTestId('metrics-text').getByTestId('rate-in');
    await expect.poll(async () => (await rate.textContent())?.trim().startsWith('↓ 2')).toBe(true);
    const onScreen = await rate.evaluate((e) => {
      const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      const zoom = Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? '1');
      return Number.parseFloat(getComputedStyle(e).fontSize) * zoom;
    });
    expect(onScreen).toBeGreaterThanOrEqual(8);

    await dockTab('Topics').click();
    await page.getByTestId('topic-viewer').getByLabel('Topic').selectOption('word-counts');
    await page.getByTestId('topic-read').click();
    const headers = page.locator('[data-testid="topic-viewer"] thead th');
    await headers.first().waitFor();
    // Every header on one line and whole: as tall as a row, nothing cut off.
    const row = (await box(page.locator('[data-testid="topic-viewer"] thead tr'))).height;
    for (const th of await headers.all()) {
      expect((await box(th)).height).toBeLessThanOrEqual(row);
      expect(await th.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    }
    expect(await headers.allTextContents()).toEqual(['key', 'value', 'partition @ offset']);

    expect(await page.getByTestId('run-restart').isEnabled()).toBe(true);
    await page.getByTestId('run-stop').click();
    await state('stopped');
    // Stopped: ▶ Run starts again; Restart and Reset & replay have nothing to restart, and say so.
    // (Enabled once the Stop call has returned, which may be just after the state reads stopped.)
    await page.getByTestId('run-start').and(page.locator(':enabled')).waitFor();
    for (const id of ['run-restart', 'run-reset']) {
      expect(await page.getByTestId(id).isDisabled()).toBe(true);
      expect(await page.getByTestId(id).getAttribute('title')).toContain('▶ Run starts one');
    }
    expect(s.studio.host.sessions.list().filter((x) => x.state === 'running')).toEqual([]);
  });

  it('keeps the code header of an edited example the same on both sides of the diff after Save as', async () => {
    const name = page.locator('.inspector').getByLabel('Name', { exact: true });
    await name.fill('enriched');
    await page.locator('.topbar nav').getByRole('button', { name: 'Save as', exact: true }).click();
    await d.answer('enriched');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('enriched.topology.json');
    await name.fill('enriched-2');
    const view = await showCode();
    // Monaco draws spaces as no-break spaces.
    const text = async () => (await view.innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(text, { timeout: 30_000 }).toContain('Builds the "enriched-2" topology');
    // The edit shows against the saved code (its old line deleted), under one header: the file's.
    await expect.poll(text, { timeout: 30_000 }).toContain('Builds the "enriched" topology');
    expect(await text()).toContain('from enriched.topology.json');
    expect(await text()).not.toContain('unsaved topology document');
    await bottomTab('code').click();
    await d.press('ControlOrMeta+s');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('enriched.topology.json');
  });

  it('opens one template after another without asking, nothing unsaved, nothing autosaved', async () => {
    await openTemplate('stock-stats.topology.json');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('stock-stats');
    await openTemplate('clickstream.topology.json');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('clickstream');
    expect(await askDialogs().count()).toBe(0);
    // Clean (no "(unsaved)" above), so there is nothing for autosave to keep and offer back on the next start.
    expect(await drafts()).toEqual([]);
  });

  it('infers a join’s result type from its joiner, sides typed from upstream', async () => {
    // The template is unchanged: New replaces it without a question.
    await page.locator('.topbar nav').getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('.canvas-empty').waitFor();
    expect(await askDialogs().count()).toBe(0);
    await d.dragFromPalette('source.stream', { x: 90, y: 80 });
    await d.dragFromPalette('source.table', { x: 90, y: 260 });
    await d.dragFromPalette('join.streamTable', { x: 360, y: 160 });
    const ids = (await d.document()).nodes.map((n) => n.id);
    const [clicks = '', users = '', join = ''] = ids;
    await d.connect(clicks, join);
    await d.connect(users, join, 'out', 'right');
    for (const [id, topic, type] of [
      [clicks, 'clicks', '{ user: string; page: string }'],
      [users, 'users', '{ name: string; country: string }'],
    ] as const) {
      await d.select(id);
      await d.fill('topic', topic);
      await d.fill('valueSerde', 'json');
      await d.fill('valueType', type);
    }
    await d.select(join);
    await d.fill('joinType', 'left');
    const joiner = page.locator('.inspector [data-testid="code-joiner"]');
    await joiner.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type("(click, user) => ({ page: click.page, country: user?.country ?? 'none' })");
    const valueType = page.locator('.inspector [data-field="valueType"] input');
    await expect
      .poll(() => valueType.inputValue(), { timeout: 60_000 })
      .toBe('{ page: string; country: string; }');
    await page.getByTestId('inferred-type').waitFor();
    // It follows the joiner while it holds what was inferred.
    await joiner.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('(click, user) => ({ ...click, known: user !== null })');
    await expect
      .poll(async () => (await valueType.inputValue()).match(/\w+: \w+/g)?.sort(), { timeout: 60_000 })
      .toEqual(['known: boolean', 'page: string', 'user: string']);
    // A type the user writes is theirs: the next joiner leaves it alone.
    await d.fill('valueType', '{ user: string; page: string; known: boolean }');
    expect(await page.getByTestId('inferred-type').count()).toBe(0);
    const node = async () => (await d.document()).nodes.find((n) => n.id === join)?.config;
    expect((await node())?.['valueType']).toBe('{ user: string; page: string; known: boolean }');
  });

  it('offers unsaved work left behind beside the ?example= asked for; Discard changes leaves none behind', async () => {
    await expect.poll(async () => (await drafts()).length, { timeout: 30_000 }).toBe(1);
    await page.reload();
    const banner = page.getByTestId('recovery');
    await banner.waitFor();
    // Behind the offer, the example the link asks for: not an empty canvas.
    await d.node('text').waitFor();
    await banner.getByRole('button', { name: 'Restore' }).click();
    await expect
      .poll(async () => (await d.document()).nodes.map((n) => n.kind))
      .toEqual(['source.stream', 'source.table', 'join.streamTable']);
    // The restored work is dropped on purpose: its draft goes with it.
    await page.locator('.topbar nav').getByRole('button', { name: 'New', exact: true }).click();
    const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await discard.getByRole('button', { name: 'Discard changes' }).click();
    await page.locator('.canvas-empty').waitFor();
    await expect.poll(async () => (await drafts()).length, { timeout: 30_000 }).toBe(0);
    await page.reload();
    await d.node('text').waitFor();
    expect(await page.getByTestId('recovery').count()).toBe(0);
  });

  it('leaves the keyboard where the user types next after a problem took them to a lambda', async () => {
    const broken = '(value) => value.toLowerCas().split(/\\W+/)';
    await d.select('split-words');
    await d.typeLambda('mapper', broken);
    if (!(await page.getByTestId('problems').isVisible())) await bottomTab('problems').click();
    const problem = page.getByTestId('problems').locator('.problem.error', { hasText: 'toLowerCas' });
    await problem.waitFor({ timeout: 60_000 });
    await problem.click();
    // The problem took the keyboard to the mapper; the user goes on in another field, and every keystroke
    // (each one re-checks the document and redraws the inspector) lands there.
    const label = page.locator('.inspector input[name="label"]');
    await label.click();
    await label.press('ControlOrMeta+a');
    await page.keyboard.type('Words of a line');
    expect(await label.inputValue()).toBe('Words of a line');
    const mapper = (await d.document()).nodes.find((n) => n.id === 'split-words')?.config['mapper'];
    expect(mapper).toBe(broken);
  });
});
