// A panel's rendering bug stays in its panel: the Test data panel is made to throw while it renders a record
// (JSON.stringify fails on one marked value, as a serializer bug would), and the canvas, the inspector and
// the other tabs go on working. Without a boundary around the bottom panel the whole designer is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner, type DesignerSession } from './support/designer-session.js';

let s: DesignerSession;
let page: Page;
let d: DesignerPage;

// Page code as a string: this file is type-checked without the DOM library. Only a top-level value with a
// `boom` property fails, which only the Test data panel formats on its own (documents and requests are
// serialized whole).
const BREAK_STRINGIFY = `{
  const stringify = JSON.stringify;
  JSON.stringify = function (value, ...rest) {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'boom')) throw new Error('boom');
    return stringify.call(JSON, value, ...rest);
  };
}`;

beforeAll(async () => {
  s = await openDesigner('?example=clickstream', { initScript: BREAK_STRINGIFY });
  ({ page, d } = s);
  // The failure is the point of this test: the page reports it and the boundary catches it.
  page.removeAllListeners('pageerror');
  await d.node('enrich').waitFor();
});
afterAll(async () => {
  await s?.close();
});

const bottom = () => page.getByTestId('bottom-panel');

describe('per-panel error boundaries', () => {
  it('keeps the canvas, the inspector and the other tabs working when the Test data panel throws', async () => {
    await bottom().locator('[role="tab"][data-tab="samples"]').click();
    const value = page.getByLabel('clicks record 1 value');
    await value.fill('{"boom": 1}');
    await value.press('Tab');
    const failed = page.getByTestId('panel-error');
    await failed.waitFor();
    expect(await failed.innerText()).toContain('The Test data panel failed');
    expect(await failed.count()).toBe(1);

    // The canvas still shows the topology and selects; the inspector edits the selection.
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(5);
    await d.select('users');
    await page.locator('.inspector [data-field="topic"] input').waitFor();
    await d.fill('topic', 'people');
    expect((await d.document()).nodes.find((n) => n.id === 'users')?.config['topic']).toBe('people');
    await page.locator('.react-flow__node[data-id="users"]', { hasText: 'people' }).waitFor();

    // Another tab mounts afresh; the failed one is tried again when chosen.
    await bottom().locator('[role="tab"][data-tab="code"]').click();
    await failed.waitFor({ state: 'detached' });
    await bottom().locator('.tab-body .view-line').first().waitFor();
    // Undo the marked value (and the rename): the Test data panel renders again.
    await d.press('ControlOrMeta+z');
    await d.press('ControlOrMeta+z');
    await bottom().locator('[role="tab"][data-tab="samples"]').click();
    await page.getByTestId('samples').waitFor();
    expect(await failed.count()).toBe(0);
  }, 120_000);
});
