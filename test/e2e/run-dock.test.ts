/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Run dock as a user meets it: every tab after the Console, a reload mid-run, Restart after an edit and
// a malformed producer line. Page functions run in Chromium, so this file needs the DOM types.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLiveSession } from '@topograph/api';
import type { Page } from 'playwright-core';
import { DesignerPage } from './support/designer-page.js';
import { openDesigner, type DesignerSession } from './support/designer-session.js';
import { ROOT } from './support/renderer-build.js';

const SHOTS = join(ROOT, 'test', 'e2e', '.screenshots');

let s: DesignerSession;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await openDesigner('?example=word-count');
  page = s.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await s.d.node('text').waitFor();
});
afterAll(async () => {
  await s?.close();
});

const state = (want: string) =>
  page.waitForFunction(
    (w) => document.querySelector('[data-testid="run-state"]')?.textContent === w,
    want,
    // The session process starts (and loads the runtime) on a machine shared with other tests.
    { timeout: 60_000 },
  );
const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();
const liveSessions = () => s.studio.host.sessions.list().filter(isLiveSession);

/** The app is still there: canvas, dock and no panel replaced by its error. */
async function expectAppAlive(): Promise<void> {
  expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('run-dock').isVisible()).toBe(true);
  expect(await page.getByTestId('panel-error').count()).toBe(0);
  expect(pageErrors).toEqual([]);
}

/** Right-clicks the middle of a canvas edge, as a user opens its menu. */
async function rightClickEdge(edgeId: string): Promise<void> {
  const at = await page.evaluate((id) => {
    const path = document.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`,
    );
    if (!path) return null;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return m ? { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f } : null;
  }, edgeId);
  if (!at) throw new Error(`edge ${edgeId} is not on the canvas`);
  await page.mouse.click(at.x, at.y, { button: 'right' });
}

describe('the Run dock', () => {
  it('switches from the Console to every other tab and collapses without blanking the page', async () => {
    await page.getByTestId('run-dock-toggle').click();
    await tab('Stores');
    expect(await page.getByTestId('stores-empty').textContent()).toMatch(/^Not running/);
    await page.getByTestId('run-start').click();
    await state('running');
    for (const name of ['Producer', 'Stores', 'Topics', 'Taps']) {
      await tab('Console');
      await page.getByTestId('run-console').waitFor();
      await tab(name);
      await expectAppAlive();
    }
    await tab('Console');
    await page.getByTestId('run-dock-toggle').click();
    expect(await page.getByTestId('run-dock-toggle').getAttribute('aria-expanded')).toBe('false');
    await expectAppAlive();
    await page.getByTestId('run-dock-toggle').click();
    await tab('Stores');
    expect(await page.getByLabel('Store').inputValue()).toBe('counts-store');
    await expectAppAlive();
  }, 120_000);

  it('reattaches to the running session after a reload, and Stop ends its process', async () => {
    expect(liveSessions()).toHaveLength(1);
    // Tap an edge from the canvas: right-click it → Tap records.
    await rightClickEdge('e2');
    await page.getByTestId('edge-menu').waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'run-dock-edge-menu.png') });
    await page.getByTestId('edge-menu').getByRole('menuitem', { name: 'Tap records' }).click();
    await page.getByTestId('tap-e2').waitFor();
    expect(await page.getByTestId('tap-e2').isChecked()).toBe(true);
    await tab('Producer');
    await page.getByTestId('producer-lines').fill('to be or not to be');
    await page.getByTestId('producer-send').click();
    await page.getByText('sent 1 record to text').waitFor();
    // Seen before the reload, so none of them can arrive after it.
    await tab('Taps');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="tap-records-e2"] tbody tr').length === 6,
    );
    await page.screenshot({ path: join(SHOTS, 'run-dock-before-reload.png') });

    await page.reload();
    await s.d.node('text').waitFor();
    await state('running');
    // The same session, not a new one: one process, and its tap still on.
    expect(liveSessions()).toHaveLength(1);
    await page.getByTestId('run-dock-toggle').click();
    await tab('Taps');
    expect(await page.getByTestId('tap-e2').isChecked()).toBe(true);
    expect(await page.getByTestId('run-start').isDisabled()).toBe(true);
    // Records sent after the reload reach the reattached dock.
    await tab('Producer');
    await page.getByTestId('producer-lines').fill('again');
    await page.getByTestId('producer-send').click();
    await tab('Taps');
    await page.locator('[data-testid="tap-records-e2"] tbody tr').first().waitFor();
    expect(
      await page.locator('[data-testid="tap-records-e2"] tbody td:nth-child(3)').allTextContents(),
    ).toEqual(['again']);
    await page.screenshot({ path: join(SHOTS, 'run-dock-after-reload.png') });

    await page.getByTestId('run-stop').click();
    await state('stopped');
    expect(liveSessions()).toEqual([]);
    await expectAppAlive();
  }, 120_000);

  it('restarts with the edited canvas: the dock says the run is out of date until Restart', async () => {
    await page.getByTestId('run-start').click();
    await state('running');
    expect(await page.getByTestId('run-stale').count()).toBe(0);
    await tab('Taps');
    await page.getByTestId('tap-e2').click();
    await tab('Producer');
    await page.getByTestId('producer-lines').fill('old code');
    await page.getByTestId('producer-send').click();
    await tab('Taps');
    const tapped = page.locator('[data-testid="tap-records-e2"] tbody td:nth-child(3)');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="tap-records-e2"] tbody tr').length === 2,
    );
    expect(await tapped.allTextContents()).toEqual(['old', 'code']);
    await s.d.select('split-words');
    await s.d.typeLambda(
      'mapper',
      '(value) => value.toUpperCase().split(/\\W+/).filter((word) => word.length > 0)',
    );
    await page.getByTestId('run-stale').waitFor();
    expect(await page.getByTestId('run-stale').textContent()).toContain('Restart to apply');
    await page.getByTestId('run-restart').click();
    // Gone once the host answers with the restarted session's fingerprint; then it starts.
    await page.getByTestId('run-stale').waitFor({ state: 'detached' });
    await state('running');
    // The old run's tapped records are gone; the tap itself stays on.
    expect(await page.getByTestId('tap-e2').isChecked()).toBe(true);
    expect(await tapped.count()).toBe(0);
    await tab('Producer');
    await page.getByTestId('producer-lines').fill('hello world');
    await page.getByTestId('producer-send').click();
    await page.getByText('sent 1 record to text').waitFor();
    await tab('Topics');
    await page.getByTestId('topic-read').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="topic-viewer"] tbody tr').length === 2,
    );
    const keys = await page.locator('[data-testid="topic-viewer"] tbody td:first-child').allTextContents();
    expect(keys.sort()).toEqual(['HELLO', 'WORLD']);
    await tab('Taps');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="tap-records-e2"] tbody tr').length === 2,
    );
    expect(await tapped.allTextContents()).toEqual(['HELLO', 'WORLD']);
    await page.getByTestId('run-stop').click();
    await state('stopped');
    expect(liveSessions()).toEqual([]);
  }, 120_000);

  it('refuses a malformed line of a JSON topic with its line number and sends nothing', async () => {
    // Opened as a template from the File menu, in the same window: a finished run does not carry over.
    expect(await page.getByTestId('run-state').textContent()).toBe('stopped');
    // Undo the edit first, so opening asks nothing about unsaved changes.
    await s.d.press('ControlOrMeta+z');
    await s.d.press('ControlOrMeta+o');
    await page.locator('[data-template="clickstream.topology.json"]').click();
    await s.d.node('clicks').waitFor();
    expect(await page.getByTestId('run-state').textContent()).toBe('idle');
    await page.getByTestId('run-start').click();
    await state('running');
    await tab('Producer');
    await page.getByTestId('producer-topic').selectOption('clicks');
    // Prefilled with the document's sample records for the topic.
    const template = await page.getByTestId('producer-lines').inputValue();
    expect(template.split('\n').map((l) => JSON.parse(l) as unknown)[0]).toEqual({
      key: 'u1',
      value: { page: '/home', user: 'u1' },
      timestamp: 1000,
    });
    const box = page.getByTestId('producer-lines');
    await box.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      '{"key":"u1","value":{"user":"u1","page":"/a"}}\n{"key":"u2","value":{"user":"u2"',
    );
    await page.getByTestId('producer-send').click();
    expect(await page.getByTestId('producer-error').textContent()).toMatch(/^line 2: not valid JSON/);
    // Switching tabs keeps what was typed.
    await tab('Console');
    await tab('Producer');
    expect(await box.inputValue()).toContain('"user":"u2"');
    await tab('Topics');
    await page.getByLabel('Topic').selectOption('clicks');
    await page.getByTestId('topic-read').click();
    await page.getByTestId('topic-viewer').locator('table').waitFor();
    expect(await page.locator('[data-testid="topic-viewer"] tbody tr').count()).toBe(0);

    await tab('Producer');
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(',"page":"/b"}}');
    await page.getByTestId('producer-send').click();
    await page.getByText('sent 2 records to clicks').waitFor();
    // The generator needs sample lines to cycle.
    await box.fill('');
    await page.getByTestId('producer-generate').click();
    expect(await page.getByTestId('producer-error').textContent()).toMatch(/at least one sample record/);
    await page.screenshot({ path: join(SHOTS, 'run-dock-producer.png') });
    await page.getByTestId('run-stop').click();
    await state('stopped');
    expect(liveSessions()).toEqual([]);
    await expectAppAlive();
  }, 120_000);

  it('stops the session of a closed tab once the host has not heard from that window for a while', async () => {
    const tab2 = await page.context().newPage();
    await tab2.goto(`${s.studio.pageUrl}?example=word-count`);
    await tab2.getByTestId('run-start').click();
    await tab2.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
      null,
      { timeout: 60_000 },
    );
    const [running] = liveSessions();
    expect(liveSessions()).toHaveLength(1);
    await tab2.close();
    // The host waits out its grace period (a reload reconnects well within it), then stops the session.
    while (liveSessions().length > 0) await new Promise((r) => setTimeout(r, 200));
    expect(s.studio.host.sessions.status(running?.sessionId ?? '')).toMatchObject({ state: 'stopped' });
  }, 120_000);

  it('says a topology built from New with no stateful node has no state stores', async () => {
    const tab3 = await page.context().newPage();
    tab3.on('pageerror', (e) => pageErrors.push(e.message));
    const d = new DesignerPage(tab3);
    await tab3.goto(`${s.studio.pageUrl}?empty`);
    await tab3.locator('.canvas-empty').waitFor();
    await d.dragFromPalette('source.stream', { x: 150, y: 120 });
    await d.dragFromPalette('sink.topic', { x: 450, y: 120 });
    await d.connect('stream', 'to-topic');
    await d.select('stream');
    await d.fill('topic', 'in');
    await d.select('to-topic');
    await d.fill('topic', 'out');
    await tab3.getByTestId('run-start').click();
    await tab3.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
      null,
      { timeout: 60_000 },
    );
    await tab3.getByRole('tab', { name: 'Stores', exact: true }).click();
    expect(await tab3.getByTestId('stores-empty').textContent()).toMatch(
      /^No state stores: this topology has no stateful node/,
    );
    await tab3.getByTestId('run-stop').click();
    await tab3.waitForFunction(
      () => document.querySelector('[data-testid="run-state"]')?.textContent === 'stopped',
    );
    await tab3.close();
    expect(liveSessions()).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
