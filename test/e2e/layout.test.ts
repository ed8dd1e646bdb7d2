// The designer's layout and dialogs as a new user meets them in Chromium at 1440×900, with the real mouse and
// keyboard: splitters that stay where they were dragged, a dock that folds away, a fit view that stays readable
// and clear of the minimap, Save as and Export dialogs driven by keyboard, and sample records that end up in the
// exported project's test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner, type DesignerSession } from './support/designer-session.js';

let session: DesignerSession;
let page: Page;
let d: DesignerPage;

/** Native prompt/confirm/alert dialogs the page opened: Electron has none, so there must be none. */
const nativeDialogs: string[] = [];

beforeAll(async () => {
  session = await openDesigner('?example=word-count');
  ({ page, d } = session);
  page.on('dialog', (dialog) => {
    nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await d.node('text').waitFor();
});
afterAll(async () => session?.close());

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The canvas' zoom, from React Flow's viewport transform. */
const zoom = async (): Promise<number> => {
  const t = await page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
};

/** Waits until no node of the canvas sits under the minimap or the zoom controls. */
async function expectNothingCovered(): Promise<void> {
  await expect
    .poll(async () => {
      // The minimap is left out of a canvas too short for it (see "leaves the minimap out…").
      const minimaps = await page.locator('.canvas .minimap').all();
      const covers = [...minimaps, page.locator('.react-flow__controls')];
      const coverBoxes = await Promise.all(covers.map(box));
      const nodes = await page.locator('.react-flow__node').all();
      const hidden: string[] = [];
      for (const n of nodes) {
        const b = await box(n);
        if (coverBoxes.some((c) => overlaps(b, c))) hidden.push((await n.getAttribute('data-id')) ?? '?');
      }
      return hidden;
    })
    .toEqual([]);
}

/** Drags an element's centre by (dx, dy) with the mouse, in steps as a hand does. */
async function drag(l: Locator, dx: number, dy: number): Promise<void> {
  const b = await box(l);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

const newDocument = async () => {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  // A changed document asks first; an unchanged one is replaced at once.
  const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  const empty = page.locator('.canvas-empty');
  await empty.or(discard).waitFor();
  if (await discard.isVisible()) await discard.getByRole('button', { name: 'Discard changes' }).click();
  await empty.waitFor();
};

describe('layout', { timeout: 180_000 }, () => {
  it('opens word count whole and readable, with nothing under the minimap, the zoom controls or the inspector, and Problems folded away', async () => {
    await expect.poll(zoom).toBeGreaterThanOrEqual(0.6);
    await page.locator('.canvas .minimap').waitFor();
    await expectNothingCovered();
    // Every card inside the canvas: none cut off under the inspector.
    const pane = await box(page.locator('.canvas .react-flow'));
    for (const n of await page.locator('.react-flow__node').all()) {
      const b = await box(n);
      expect(b.x).toBeGreaterThanOrEqual(pane.x);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
    }
    // No problems: the panel is just its tab strip.
    expect((await box(page.getByTestId('bottom-panel'))).height).toBeLessThan(50);
    // The seeded example is not "unsaved" before anything changed; the palette button names Ctrl on Linux.
    expect(await page.getByTestId('doc-name').textContent()).toBe('word-count');
    expect(await page.getByTestId('command-palette-button').textContent()).toBe('Ctrl+K');
    // The Joins group is not drawn in the colour of errors.
    const joins = page.locator('.palette-group h3', { hasText: 'Joins' });
    const colours = await joins.evaluate((h) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--error)';
      document.body.append(probe);
      const error = getComputedStyle(probe).color;
      probe.remove();
      return { joins: getComputedStyle(h).borderBottomColor, error };
    });
    expect(colours.joins).not.toBe(colours.error);
  });

  it('shows the notes of a list without problems when the Problems tab is chosen, and folds it again', async () => {
    const panel = page.getByTestId('bottom-panel');
    expect(await panel.locator('.tabs-note').textContent()).toBe('No problems · 1 note');
    await page.getByRole('tab', { name: /Problems/ }).click();
    await panel.locator('.problem.note').waitFor();
    await page.getByRole('tab', { name: /Problems/ }).click();
    await expect.poll(async () => (await box(panel)).height).toBeLessThan(50);
  });

  it('shows many lines of code in the Code tab', async () => {
    await page.getByRole('tab', { name: 'Code' }).click();
    const lines = page.locator('.code-view .view-line');
    await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(12);
    // The active tab folds the panel again.
    await page.getByRole('tab', { name: 'Code' }).click();
    await expect.poll(async () => (await box(page.getByTestId('bottom-panel'))).height).toBeLessThan(50);
  });

  it('keeps the inspector and dock sizes it was dragged to across a reload, and folds the dock', async () => {
    const inspector = page.locator('.inspector');
    const before = (await box(inspector)).width;
    await drag(page.getByTestId('splitter-inspector'), -120, 0);
    await expect.poll(async () => (await box(inspector)).width).toBeCloseTo(before + 120, -1);
    // From the keyboard too: the splitter takes focus, arrows step it.
    const dragged1 = (await box(inspector)).width;
    await page.getByTestId('splitter-inspector').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await box(inspector)).width).toBe(dragged1 + 24);

    await page.locator('.run-toggle').click();
    const dock = page.getByTestId('run-dock');
    await page.getByTestId('splitter-dock').waitFor();
    const dockBefore = (await box(dock)).height;
    await drag(page.getByTestId('splitter-dock'), 0, -100);
    await expect.poll(async () => (await box(dock)).height).toBeCloseTo(dockBefore + 100, -1);
    // The canvas was refitted into what the open dock left it.
    await expectNothingCovered();
    const dragged = { inspector: (await box(inspector)).width, dock: (await box(dock)).height };

    await page.reload();
    await d.node('text').waitFor();
    expect((await box(inspector)).width).toBe(dragged.inspector);
    await page.locator('.run-toggle').click();
    await expect.poll(async () => (await box(dock)).height).toBe(dragged.dock);

    // Folded, the dock is its toolbar only and the canvas takes the room.
    const canvasOpen = (await box(page.getByTestId('canvas'))).height;
    await page.locator('.run-toggle').click();
    await page.getByTestId('splitter-dock').waitFor({ state: 'detached' });
    expect((await box(dock)).height).toBeLessThan(50);
    expect((await box(page.getByTestId('canvas'))).height).toBeGreaterThan(canvasOpen + 150);
    await expectNothingCovered();
  });

  it('leaves the minimap out of a canvas too short for it beside the cards, and brings it back with the room', async () => {
    await page.locator('.canvas .minimap').waitFor();
    // The dock and the Code tab open at once leave the canvas a strip.
    await page.locator('.run-toggle').click();
    await page.getByTestId('splitter-dock').waitFor();
    await page.getByRole('tab', { name: 'Code' }).click();
    await expect.poll(async () => (await box(page.getByTestId('canvas'))).height).toBeLessThan(396);
    await page.locator('.canvas .minimap').waitFor({ state: 'detached' });
    expect(await page.getByTestId('minimap-toggle').getAttribute('title')).toMatch(/too short/);
    await expectNothingCovered();
    await page.getByRole('tab', { name: 'Code' }).click();
    await page.locator('.run-toggle').click();
    await page.getByTestId('splitter-dock').waitFor({ state: 'detached' });
    await page.locator('.canvas .minimap').waitFor();
    expect(await page.getByTestId('minimap-toggle').getAttribute('title')).toBe('Hide the minimap');
  });

  it('hides and shows the minimap on request', async () => {
    await page.getByTestId('minimap-toggle').click();
    await page.locator('.canvas .minimap').waitFor({ state: 'detached' });
    await page.getByTestId('minimap-toggle').click();
    await page.locator('.canvas .minimap').waitFor();
  });

  it('drops the first node of a new document where it was dropped, and labels its ports on hover', async () => {
    await newDocument();
    await d.dragFromPalette('source.stream', { x: 300, y: 200 });
    const canvas = await box(page.getByTestId('canvas'));
    const node = page.locator('.react-flow__node').first();
    const b = await box(node);
    const drop = { x: canvas.x + 300, y: canvas.y + 200 };
    expect(drop.x).toBeGreaterThan(b.x);
    expect(drop.x).toBeLessThan(b.x + b.width);
    expect(drop.y).toBeGreaterThan(b.y - 5);
    expect(drop.y).toBeLessThan(b.y + b.height + 5);

    // The port takes the pointer 3 screen px beyond its dot's edge at this zoom.
    const port = node.locator('.react-flow__handle.source');
    const p = await box(port);
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('.react-flow__handle') !== null,
      [p.x + p.width + 3, p.y + p.height / 2] as const,
    );
    expect(hit).toBe(true);
    await port.hover();
    const name = port.locator('.port-name');
    await expect.poll(() => name.isVisible()).toBe(true);
    expect(await name.textContent()).not.toBe('');
  });
});

describe('dialogs', { timeout: 240_000 }, () => {
  it('Save as by keyboard names an untitled document and its application id; Escape cancels, Tab stays inside', async () => {
    await newDocument();
    await d.dragFromPalette('source.stream', { x: 200, y: 150 });

    // From the toolbar: focus goes into the dialog, Tab cycles inside it, Escape gives focus back.
    await page.getByRole('button', { name: 'Save as', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Save topology as' });
    await dialog.waitFor();
    const inside = () => dialog.evaluate((e) => e.contains(document.activeElement));
    expect(await inside()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await inside()).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await inside()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Save as');
    expect(existsSync(join(session.studio.workspace, 'untitled.topology.json'))).toBe(false);

    await d.press('ControlOrMeta+Shift+s');
    await d.answer('clickstream-enrich');
    await expect
      .poll(() => page.getByTestId('doc-name').textContent())
      .toBe('clickstream-enrich.topology.json');
    const saved = JSON.parse(
      readFileSync(join(session.studio.workspace, 'clickstream-enrich.topology.json'), 'utf8'),
    ) as { name: string; settings: { applicationId?: string } };
    expect(saved.name).toBe('clickstream-enrich');
    expect(saved.settings.applicationId).toBe('clickstream-enrich');
    await page.locator('.react-flow__pane').click({ position: { x: 600, y: 400 } });
    await expect.poll(() => page.locator('.inspector input').first().inputValue()).toBe('clickstream-enrich');
  });

  it('asks before discarding changes: Escape keeps the document, Enter discards', async () => {
    await d.dragFromPalette('filter', { x: 500, y: 150 });
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect((await d.document()).nodes).toHaveLength(2);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await ask.waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.canvas-empty').waitFor();
  });

  it('reopens the last document on a reload without an example', async () => {
    await page.goto(session.studio.pageUrl);
    await expect
      .poll(() => page.getByTestId('doc-name').textContent())
      .toBe('clickstream-enrich.topology.json');
  });

  it('puts the sample records typed into the Test data tab into the exported test, through the Export dialog', async () => {
    await newDocument();
    await d.dragFromPalette('source.stream', { x: 150, y: 150 });
    await d.dragFromPalette('sink.topic', { x: 500, y: 150 });
    const [source, sink] = (await d.document()).nodes.map((n) => n.id);
    if (!source || !sink) throw new Error('two nodes were dropped');
    await d.connect(source, sink);
    await expect.poll(async () => (await d.document()).edges.length).toBe(1);
    await d.press('ControlOrMeta+Shift+s');
    await d.answer('echo');

    await page.getByRole('tab', { name: 'Test data' }).click();
    const samples = page.getByTestId('samples');
    const topic = (await d.document()).nodes[0]?.config['topic'] as string;
    await samples.getByTestId(`add-sample-${topic}`).click();
    await samples.getByTestId(`add-sample-${topic}`).click();
    const field = (row: number, part: string) => samples.getByLabel(`${topic} record ${row} ${part}`);
    await field(1, 'value').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('hello');
    await field(2, 'key').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('k2');
    await field(2, 'value').click();
    await page.keyboard.type('world');
    await expect.poll(async () => (await d.documentText()).includes('"world"')).toBe(true);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await d.answer('echo-project');
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 120_000 })
      .toContain('files to echo-project');
    const dir = join(session.studio.workspace, 'echo-project');
    const test = readFileSync(join(dir, 'test', 'topology.test.ts'), 'utf8');
    expect(test).toContain(`pipeInput('key-1', 'hello', 0)`);
    expect(test).toContain(`pipeInput('k2', 'world', 1000)`);
    expect(test).toMatch(
      /assert\.deepEqual\(\w+\.readKeyValuesToList\(\), \[\s*\{ key: 'key-1', value: 'hello' \},\s*\{ key: 'k2', value: 'world' \},?\s*\]\)/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'echo' });

    // The project's copy of the document is not a workspace document.
    await d.press('ControlOrMeta+o');
    const open = page.getByRole('dialog', { name: 'Open' });
    await open.locator('[data-file="echo.topology.json"]').waitFor();
    expect(await open.locator('[data-file="echo-project/echo.topology.json"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await open.waitFor({ state: 'detached' });
  });

  it('names an untitled document after the folder it is exported to', async () => {
    await newDocument();
    await d.dragFromPalette('source.stream', { x: 150, y: 150 });
    await d.dragFromPalette('sink.topic', { x: 500, y: 150 });
    const [source, sink] = (await d.document()).nodes.map((n) => n.id);
    if (!source || !sink) throw new Error('two nodes were dropped');
    await d.connect(source, sink);
    await expect.poll(async () => (await d.document()).edges.length).toBe(1);
    await d.press('ControlOrMeta+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.locator('input').waitFor();
    await page.keyboard.type('export project');
    await palette.getByRole('button', { name: /^Export project/ }).waitFor();
    await page.keyboard.press('Enter');
    await d.answer('orders-project');
    await expect
      .poll(() => page.getByTestId('toast').textContent(), { timeout: 120_000 })
      .toContain('files to orders-project');
    const dir = join(session.studio.workspace, 'orders-project');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'orders' });
    expect(readFileSync(join(dir, 'src', 'main.ts'), 'utf8')).toContain("env['APPLICATION_ID'] ?? 'orders'");
    expect(JSON.parse(await d.documentText())).toMatchObject({
      name: 'orders',
      settings: { applicationId: 'orders' },
    });
  });

  it('shows an import error inside the import dialog, with its line', async () => {
    await d.press('ControlOrMeta+i');
    const dialog = page.getByRole('dialog', { name: 'Import Topology#describe()' });
    await dialog.waitFor();
    await page.keyboard.insertText(
      'Topologies:\n   Sub-topology: 0\n    Source: A (topics: [x])\n      --> B\n    Processor: C (stores: [])\n',
    );
    await dialog.getByRole('button', { name: 'Import as new canvas' }).click();
    const error = dialog.getByTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/line 3/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('offers an "Add node" command for every kind and says when nothing matches', async () => {
    await d.press('ControlOrMeta+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('add node filter not');
    await palette.getByRole('button', { name: /^Add node: Filter not/ }).waitFor();
    const before = (await d.document()).nodes.length;
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await d.document()).nodes.length).toBe(before + 1);

    await d.press('ControlOrMeta+k');
    await palette.waitFor();
    await page.keyboard.type('frobnicate');
    await palette.getByText('No matching commands').waitFor();
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });

    // The Enter that runs "New topology" does not also answer the question it asks.
    await d.press('ControlOrMeta+k');
    await palette.locator('input').waitFor();
    await page.keyboard.type('new topology');
    await palette.getByRole('button', { name: /^New topology/ }).waitFor();
    await page.keyboard.press('Enter');
    const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect((await d.document()).nodes).toHaveLength(before + 1);
  });

  it('never opened a native prompt, confirm or alert', () => {
    expect(nativeDialogs).toEqual([]);
  });
});
