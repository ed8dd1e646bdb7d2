/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A new user's first session, end to end: from New, build the clickstream enrichment with the palette (clicks
// left-joined with a users table, then joined with searches within 1 s, to a topic), set its types in the
// inspector, type both joiners into Monaco with the real keyboard (auto-closing brackets on) and IntelliSense
// for both sides, run it, produce records, visit every dock tab, reload mid-run, read the output and stop.
// Everything waits on what the page shows; page functions run in Chromium, so this file needs the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLiveSession } from '@topograph/api';
import type { Locator, Page } from 'playwright-core';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner, type DesignerSession } from './support/designer-session.js';

let s: DesignerSession;
let page: Page;
let d: DesignerPage;
const pageErrors: string[] = [];

beforeAll(async () => {
  // No ?example: a reload reopens the document opened last, as it does for a user.
  s = await openDesigner('');
  ({ page, d } = s);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await d.node('text').waitFor();
});
afterAll(async () => {
  await s?.close();
});

const liveSessions = () => s.studio.host.sessions.list().filter(isLiveSession);
const state = (want: string) =>
  page.waitForFunction(
    (w) => document.querySelector('[data-testid="run-state"]')?.textContent === w,
    want,
    // The session process starts (and loads the runtime) on a machine shared with other tests.
    { timeout: 60_000 },
  );
const dockTab = (name: string) => page.getByTestId('run-dock').getByRole('tab', { name, exact: true });
const errors = () => page.getByTestId('problems').locator('.problem.error');
const editorOf = (field: string): Locator => page.locator(`.inspector [data-testid="code-${field}"]`);

/** Drops a palette entry and returns the id the designer gave the new node. */
async function add(kind: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set((await d.document()).nodes.map((n) => n.id));
  await d.dragFromPalette(kind, at);
  const added = (await d.document()).nodes.filter((n) => !before.has(n.id));
  expect(added.map((n) => n.kind)).toEqual([kind]);
  const id = added[0]?.id ?? '';
  await d.node(id).waitFor();
  return id;
}

/** Clicks into a lambda editor, selects all and types with the real keyboard: Monaco auto-closes brackets. */
async function typeInto(field: string, keys: string): Promise<void> {
  await editorOf(field).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(keys);
}

/**
 * Ctrl+Space at the cursor offers `field` (a TypeScript completion, so the side's type is known). Waits for the
 * row itself: Monaco first shows word suggestions while its TypeScript worker is still answering.
 */
async function expectCompletion(field: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Space');
  await page
    .locator(`.suggest-widget .monaco-list-row[aria-label^="${field}, Field"]`)
    .waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
}

async function produce(topic: string, records: unknown[]): Promise<void> {
  await dockTab('Producer').click();
  await page.getByTestId('producer-topic').selectOption(topic);
  const box = page.getByTestId('producer-lines');
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(records.map((r) => JSON.stringify(r)).join('\n'));
  await page.getByTestId('producer-send').click();
  const sent = `sent ${records.length} record${records.length === 1 ? '' : 's'} to ${topic}`;
  await page.getByText(sent).waitFor();
}

/** Reads a topic in the Topics tab until it holds `count` records (the run processes them asynchronously). */
async function readTopic(topic: string, count: number): Promise<Array<{ key: string; value: unknown }>> {
  await dockTab('Topics').click();
  await page.getByTestId('topic-viewer').getByLabel('Topic').selectOption(topic);
  const rows = page.locator('[data-testid="topic-viewer"] tbody tr');
  for (;;) {
    await page.getByTestId('topic-read').click();
    await page.getByTestId('topic-viewer').locator('table').waitFor();
    await page.getByTestId('topic-read').and(page.locator(':enabled')).waitFor();
    if ((await rows.count()) >= count) break;
  }
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const [k, v] = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return { key: k ?? '', value: JSON.parse(v ?? 'null') as unknown };
    }),
  );
}

const CLICK = '{ user: string; page: string }';
const USER = '{ name: string; country: string }';
const SEARCH = '{ user: string; query: string }';
const ENRICHED = '{ user: string; page: string; country: string }';
const RESULT = '{ user: string; page: string; country: string; query: string }';
// Typed key by key: every bracket and quote is auto-closed by Monaco and then typed over.
const ENRICH = "(click, user) => ({ ...click, country: user?.country ?? 'unknown' })";
const WITH_SEARCH = '(click, search) => ({ ...click, query: search.query })';

let clicks = '';
let users = '';
let searches = '';
let enrich = '';
let withSearch = '';
let sink = '';

describe('a first session, from New to enriched records', () => {
  it('builds the enrichment from New with the palette and sets its types in the inspector', async () => {
    await page.locator('.topbar nav').getByRole('button', { name: 'New', exact: true }).click();
    await page.locator('.canvas-empty').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(0);

    clicks = await add('source.stream', { x: 90, y: 70 });
    users = await add('source.table', { x: 90, y: 230 });
    enrich = await add('join.streamTable', { x: 300, y: 130 });
    searches = await add('source.stream', { x: 300, y: 300 });
    withSearch = await add('join.streamStream', { x: 510, y: 200 });
    sink = await add('sink.topic', { x: 700, y: 200 });
    await page.screenshot({ path: '/tmp/fu-built.png' });
    await d.connect(clicks, enrich);
    await d.connect(users, enrich, 'out', 'right');
    await d.connect(enrich, withSearch);
    await d.connect(searches, withSearch, 'out', 'right');
    await d.connect(withSearch, sink);
    expect((await d.document()).edges.map((e) => [e.source, e.target, e.targetHandle ?? 'in'])).toEqual([
      [clicks, enrich, 'in'],
      [users, enrich, 'right'],
      [enrich, withSearch, 'in'],
      [searches, withSearch, 'right'],
      [withSearch, sink, 'in'],
    ]);

    for (const [id, topic, type] of [
      [clicks, 'clicks', CLICK],
      [users, 'users', USER],
      [searches, 'searches', SEARCH],
    ] as const) {
      await d.select(id);
      await d.fill('topic', topic);
      await d.fill('valueSerde', 'json');
      await d.fill('valueType', type);
    }
    await d.select(enrich);
    await d.fill('joinType', 'left');
    await d.fill('valueType', ENRICHED);
    await d.select(withSearch);
    await d.fill('windowMs', '1000');
    await d.fill('valueType', RESULT);
    await d.select(sink);
    await d.fill('topic', 'enriched-clicks');

    const nodes = new Map((await d.document()).nodes.map((n) => [n.id, n.config]));
    expect(nodes.get(clicks)).toMatchObject({ topic: 'clicks', valueSerde: 'json', valueType: CLICK });
    expect(nodes.get(users)).toMatchObject({ topic: 'users', valueSerde: 'json', valueType: USER });
    expect(nodes.get(enrich)).toMatchObject({ joinType: 'left', valueType: ENRICHED });
    expect(nodes.get(withSearch)).toMatchObject({ windowMs: 1000, valueType: RESULT });
    expect(nodes.get(sink)).toMatchObject({ topic: 'enriched-clicks' });
  }, 120_000);

  it('types both joiners with the real keyboard and completes the fields of each side', async () => {
    await d.select(enrich);
    await typeInto('joiner', '(click, user) => ({ ...click, country: user?.');
    await expectCompletion('country');
    await typeInto('joiner', '(click, user) => ({ ...click, at: click.');
    await expectCompletion('page');
    await typeInto('joiner', ENRICH);

    await d.select(withSearch);
    await typeInto('joiner', '(click, search) => ({ ...click, query: search.');
    await expectCompletion('query');
    await typeInto('joiner', '(click, search) => ({ ...click, query: click.');
    await expectCompletion('country');
    await typeInto('joiner', WITH_SEARCH);

    // Stored exactly as typed: auto-closed brackets and quotes were typed over, not doubled.
    const nodes = new Map((await d.document()).nodes.map((n) => [n.id, n.config]));
    expect(nodes.get(enrich)?.['joiner']).toBe(ENRICH);
    expect(nodes.get(withSearch)?.['joiner']).toBe(WITH_SEARCH);
    // The designer's check (Monaco's and the host's) agrees: nothing red.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="problems"] .problem.error').length === 0,
      null,
      { timeout: 60_000 },
    );
    expect(await errors().count()).toBe(0);
  }, 180_000);

  it('runs it, produces through the Producer, visits every dock tab and reloads mid-run', async () => {
    await page.locator('.topbar nav').getByRole('button', { name: 'Save as', exact: true }).click();
    await d.answer('clickstream-enrich');
    await page.locator('.topbar').getByText('clickstream-enrich', { exact: false }).first().waitFor();
    await page.getByTestId('run-start').click();
    await state('running');
    expect(liveSessions()).toHaveLength(1);

    await produce('users', [
      { key: 'u1', value: { name: 'Ada', country: 'UK' }, timestamp: 0 },
      { key: 'u2', value: { name: 'Lin', country: 'SG' }, timestamp: 0 },
    ]);
    // The table holds both users before any click arrives, so the left join finds them.
    await dockTab('Stores').click();
    const entries = page.locator('[data-testid="store-browser"] tbody tr');
    while ((await entries.count()) < 2) {
      await page.getByTestId('store-query').click();
      await page.getByTestId('store-query').and(page.locator(':enabled')).waitFor();
    }
    // Sent in event-time order, as they happen: a stream–stream join drops a record that arrives after its
    // window closed (stream time past its timestamp + 1 s, no grace), as Kafka Streams does.
    await produce('clicks', [
      { key: 'u1', value: { user: 'u1', page: '/home' }, timestamp: 1000 },
      { key: 'u2', value: { user: 'u2', page: '/docs' }, timestamp: 2000 },
    ]);
    await produce('searches', [{ key: 'u1', value: { user: 'u1', query: 'streams' }, timestamp: 1500 }]);
    await produce('clicks', [{ key: 'u3', value: { user: 'u3', page: '/pricing' }, timestamp: 3000 }]);
    await produce('searches', [
      { key: 'u3', value: { user: 'u3', query: 'pricing' }, timestamp: 3200 },
      // 1.5 s after u2's click: outside the window, no match.
      { key: 'u2', value: { user: 'u2', query: 'joins' }, timestamp: 3500 },
    ]);

    const tabs = await page.getByTestId('run-dock').getByRole('tab').allTextContents();
    expect(tabs).toEqual(['Console', 'Producer', 'Stores', 'Topics', 'Taps', 'Debugger']);
    for (const name of tabs) {
      await dockTab(name).click();
      expect(await dockTab(name).getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('panel-error').count()).toBe(0);
    }
    // And every tab of the panel under the canvas, while the run goes on.
    const bottom = page.getByTestId('bottom-panel');
    for (const t of ['code', 'samples', 'upgrade', 'problems']) {
      await bottom.locator(`[role="tab"][data-tab="${t}"]`).click();
      expect(await bottom.locator(`[data-tab="${t}"]`).getAttribute('aria-selected')).toBe('true');
      await bottom.locator('.tab-body').waitFor();
      // The generated code, named after the saved document.
      if (t === 'code')
        await bottom.locator('.tab-body .view-lines', { hasText: 'clickstream-enrich' }).last().waitFor();
      expect(await page.getByTestId('panel-error').count()).toBe(0);
    }

    await page.reload();
    await d.node(sink).waitFor();
    await state('running');
    // Reattached to the same session: one process, Run disabled, Stop offered.
    expect(liveSessions()).toHaveLength(1);
    expect(await page.getByTestId('run-start').isDisabled()).toBe(true);
    if ((await page.getByTestId('run-dock-toggle').getAttribute('aria-expanded')) === 'false')
      await page.getByTestId('run-dock-toggle').click();
    await page.getByTestId('run-dock').getByRole('tab').first().waitFor();
  }, 180_000);

  it('shows the enriched records on the output topic and stops the still-running session', async () => {
    const out = await readTopic('enriched-clicks', 2);
    expect(out.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'u1', value: { user: 'u1', page: '/home', country: 'UK', query: 'streams' } },
      { key: 'u3', value: { user: 'u3', page: '/pricing', country: 'unknown', query: 'pricing' } },
    ]);
    await page.getByTestId('run-stop').click();
    await state('stopped');
    expect(liveSessions()).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
