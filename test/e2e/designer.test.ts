import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDocument, newNode, serializeDocument, type TopologyDocument } from '@topograph/document';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';
import { ROOT } from './support/renderer-build.js';

/** Set TOPOGRAPH_SCREENSHOTS=1 to refresh docs/screenshots from this run; otherwise they go to test/e2e/.screenshots. */
const SHOTS =
  process.env['TOPOGRAPH_SCREENSHOTS'] === '1'
    ? join(ROOT, 'docs', 'screenshots')
    : join(ROOT, 'test', 'e2e', '.screenshots');

// The word-count topology as printed in Kafka's "Tutorial: Write a Kafka Streams Application".
const KAFKA_WORDCOUNT_DESCRIBE = `Topologies:
   Sub-topology: 0
    Source: KSTREAM-SOURCE-0000000000 (topics: [streams-plaintext-input])
      --> KSTREAM-FLATMAPVALUES-0000000001
    Processor: KSTREAM-FLATMAPVALUES-0000000001 (stores: [])
      --> KSTREAM-KEY-SELECT-0000000002
      <-- KSTREAM-SOURCE-0000000000
    Processor: KSTREAM-KEY-SELECT-0000000002 (stores: [])
      --> KSTREAM-FILTER-0000000005
      <-- KSTREAM-FLATMAPVALUES-0000000001
    Processor: KSTREAM-FILTER-0000000005 (stores: [])
      --> KSTREAM-SINK-0000000004
      <-- KSTREAM-KEY-SELECT-0000000002
    Sink: KSTREAM-SINK-0000000004 (topic: counts-store-repartition)
      <-- KSTREAM-FILTER-0000000005

  Sub-topology: 1
    Source: KSTREAM-SOURCE-0000000006 (topics: [counts-store-repartition])
      --> KSTREAM-AGGREGATE-0000000003
    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [counts-store])
      --> KTABLE-TOSTREAM-0000000007
      <-- KSTREAM-SOURCE-0000000006
    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])
      --> KSTREAM-SINK-0000000008
      <-- KSTREAM-AGGREGATE-0000000003
    Sink: KSTREAM-SINK-0000000008 (topic: streams-wordcount-output)
      <-- KTABLE-TOSTREAM-0000000007
`;

let page: Page;
let d: DesignerPage;
let url: string;
let workspace: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const session = await openDesigner('?empty');
  ({ page, d, close: stop } = session);
  url = session.studio.pageUrl;
  workspace = session.studio.workspace;
  await page.locator('.canvas-empty').waitFor();
});

afterAll(async () => stop?.());

/** source → filter → mapValues → peek → sink, with the given lambdas. */
function chainWithLambdas(name: string, code: { predicate: string; mapper: string; action: string }): string {
  let doc: TopologyDocument = { ...emptyDocument(name), settings: { applicationId: name } };
  const steps: Array<[string, Record<string, unknown>]> = [
    ['source.stream', { topic: 'in' }],
    ['filter', { predicate: code.predicate }],
    ['mapValues', { mapper: code.mapper }],
    ['peek', { action: code.action }],
    ['sink.topic', { topic: 'out' }],
  ];
  steps.forEach(([kind, config], i) => {
    const node = newNode(doc, kind, { x: i * 260, y: 0 });
    node.config = { ...node.config, ...config };
    const previous = doc.nodes.at(-1);
    doc = {
      ...doc,
      nodes: [...doc.nodes, node],
      edges: previous ? [...doc.edges, { id: `e${i}`, source: previous.id, target: node.id }] : doc.edges,
    };
  });
  return serializeDocument(doc);
}

const kindsAndEdges = async () => {
  const doc = await d.document();
  return {
    nodes: doc.nodes.map((n) => `${n.id}:${n.kind}`),
    edges: doc.edges.map((e) => `${e.source}->${e.target}`),
  };
};

// Real mouse and keyboard on a shared 2-core machine: generous per-test limits, no timing assertions.
describe('the designer in Chromium', { timeout: 120_000 }, () => {
  it('starts empty, with the palette grouped like the catalog', async () => {
    const groups = await page.locator('.palette-group h3').allTextContents();
    expect(groups.map((g) => g.toLowerCase())).toEqual([
      'sources',
      'stateless',
      'stateful',
      'windows',
      'joins',
      'sinks',
      'custom',
    ]);
    await page.locator('.palette-search').fill('flat');
    expect(await page.locator('.palette-item').allTextContents()).toEqual(['Flat map', 'Flat map values']);
    await page.locator('.palette-search').fill('');
    await page.screenshot({ path: join(SHOTS, 'empty.png') });
  });

  it('builds word count by dragging from the palette and connecting handles; refuses an invalid connection with its reason', async () => {
    const drops: Array<[string, number, number]> = [
      // A card is centred on the drop point, so the left column keeps its ports inside the pane.
      ['source.stream', 150, 120],
      ['flatMapValues', 400, 120],
      ['groupBy', 650, 120],
      ['count', 150, 320],
      ['toStream', 400, 320],
      ['sink.topic', 650, 320],
    ];
    for (const [kind, x, y] of drops) await d.dragFromPalette(kind, { x, y });
    await page.locator('.react-flow__node').nth(5).waitFor();
    const ids = ['stream', 'flatMapValues', 'groupBy', 'count', 'toStream', 'to-topic'];
    expect((await d.document()).nodes.map((n) => n.id)).toEqual(ids);
    // Connections are made right after the drops, as a user does: a freshly dropped node's handles work.
    // A stream cannot feed Count directly: the catalog refuses and the canvas says why.
    const before = await d.documentText();
    await d.connect('stream', 'count');
    const toast = page.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toContain('Connection refused');
    expect(await toast.textContent()).toMatch(/Count takes a KGroupedStream.*gives a KStream/);
    expect(await d.documentText()).toBe(before);
    await toast.getByRole('button', { name: 'Dismiss' }).click();

    for (let i = 0; i + 1 < ids.length; i++) await d.connect(ids[i] as string, ids[i + 1] as string);
    expect((await kindsAndEdges()).edges).toEqual([
      'stream->flatMapValues',
      'flatMapValues->groupBy',
      'groupBy->count',
      'count->toStream',
      'toStream->to-topic',
    ]);
    // Auto-layout (elkjs) arranges the chain left to right, in edge order.
    const connected = await d.documentText();
    await page.getByRole('button', { name: 'Layout' }).click();
    await expect.poll(() => d.documentText()).not.toBe(connected);
    const xs = await Promise.all(ids.map(async (id) => (await d.node(id).boundingBox())?.x ?? 0));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('configures every node in the inspector, lambdas in Monaco', async () => {
    await d.select('stream');
    await d.fill('topic', 'text');
    await d.select('flatMapValues');
    await d.typeLambda('mapper', '(value) => value.toLowerCase().split(/\\W+/)');
    await d.select('groupBy');
    await d.typeLambda('selector', '(_key, word) => word');
    await d.select('count');
    await d.fill('storeName', 'counts-store');
    await d.select('to-topic');
    await d.fill('topic', 'word-counts');
    await d.fill('valueSerde', 'long');
    await expect
      .poll(async () => (await d.document()).nodes.find((n) => n.id === 'to-topic')?.config['valueSerde'])
      .toBe('long');
    const doc = await d.document();
    const config = Object.fromEntries(doc.nodes.map((n) => [n.id, n.config]));
    expect(config['stream']).toMatchObject({ topic: 'text' });
    expect(config['flatMapValues']).toMatchObject({ mapper: '(value) => value.toLowerCase().split(/\\W+/)' });
    expect(config['groupBy']).toMatchObject({ selector: '(_key, word) => word', keyType: 'string' });
    expect(config['count']).toMatchObject({ storeName: 'counts-store' });
    expect(config['to-topic']).toMatchObject({ topic: 'word-counts', valueSerde: 'long' });
    // Kafka hint: grouping by a new key repartitions, and the canvas names the internal topic.
    await expect
      .poll(() => d.node('groupBy').locator('.node-repartition').textContent())
      .toContain('-repartition');
    await expect
      .poll(() => page.getByTestId('problems').locator('.problem.error').allTextContents())
      .toEqual([]);
    // The code panel shows the host's generated TypeScript for the drawing.
    await page.getByRole('tab', { name: 'Code' }).click();
    const code = page.getByTestId('code-view');
    // Serdes is imported once the sink writes longs: the configuration reached the generated code.
    const codeText = async () => ((await code.textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(codeText, { timeout: 20_000 }).toContain('import { Serdes, StreamsBuilder }');
    // With the edges drawn, auto-layout lays the chain out left to right.
    await page.getByRole('button', { name: 'Layout' }).click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SHOTS, 'word-count.png') });
    await page.getByRole('tab', { name: /Problems/ }).click();
  });

  it('undo and redo restore exact states', async () => {
    const states = [await d.documentText()];
    await d.select('count');
    await d.fill('storeName', 'other-store');
    states.push(await d.documentText());
    await d.select('toStream');
    await d.press('Delete');
    states.push(await d.documentText());
    expect((await kindsAndEdges()).nodes).not.toContain('toStream:toStream');
    await d.press('ControlOrMeta+z');
    expect(await d.documentText()).toBe(states[1]);
    await d.press('ControlOrMeta+z');
    expect(await d.documentText()).toBe(states[0]);
    await d.press('ControlOrMeta+Shift+z');
    expect(await d.documentText()).toBe(states[1]);
    await d.press('ControlOrMeta+Shift+z');
    expect(await d.documentText()).toBe(states[2]);
    await d.press('ControlOrMeta+z');
    await d.press('ControlOrMeta+z');
    expect(await d.documentText()).toBe(states[0]);
  });

  it('copies, pastes, duplicates and box-selects', async () => {
    const before = await d.documentText();
    await d.select('count');
    await d.press('ControlOrMeta+c');
    await d.press('ControlOrMeta+v');
    await d.press('ControlOrMeta+d');
    expect((await kindsAndEdges()).nodes.filter((n) => n.endsWith(':count'))).toEqual([
      'count:count',
      'count-2:count',
      'count-3:count',
    ]);
    await d.press('Delete');
    await d.select('count-2');
    await d.press('Delete');
    expect(await d.documentText()).toBe(before);
  });

  it('shows a type error typed into a lambda on its node and in Problems, and clears both when fixed', async () => {
    await d.select('flatMapValues');
    await d.typeLambda('mapper', '(value) => value.toLowerCas().split(/\\W+/)');
    const badge = d.node('flatMapValues').getByTestId('error-badge');
    await badge.waitFor({ timeout: 20_000 });
    const problem = page.getByTestId('problems').locator('.problem.error', { hasText: 'toLowerCas' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('flatMapValues.mapper');
    await page.screenshot({ path: join(SHOTS, 'problem.png') });
    await d.select('stream');
    await problem.click();
    expect(await page.locator('.inspector input[name="id"]').inputValue()).toBe('flatMapValues');
    await d.typeLambda('mapper', '(value) => value.toLowerCase().split(/\\W+/)');
    await badge.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => problem.count()).toBe(0);
  });

  it('saves, survives a reload and opens the identical document', async () => {
    const untitled = JSON.parse(await d.documentText()) as { name: string; nodes: unknown[] };
    expect(untitled.name).toBe('untitled');
    await d.press('ControlOrMeta+s');
    await d.answer('word-count-e2e');
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('word-count-e2e.topology.json');
    // Saved under a name, the untitled document takes it (and its application id); nothing else changed.
    const designed = await d.documentText();
    expect(JSON.parse(designed)).toMatchObject({
      name: 'word-count-e2e',
      nodes: untitled.nodes,
      settings: { applicationId: 'word-count-e2e' },
    });
    expect(readFileSync(join(workspace, 'word-count-e2e.topology.json'), 'utf8')).toBe(designed);
    await page.goto(`${url}?empty`);
    await page.locator('.canvas-empty').waitFor();
    await d.press('ControlOrMeta+o');
    await page.locator('[data-file="word-count-e2e.topology.json"]').click();
    await d.node('groupBy').waitFor();
    expect(await d.documentText()).toBe(designed);
    // A fresh page's first lambda check races Monaco's TypeScript registration; it must wait, not fail.
    await page.waitForTimeout(2000);
    expect(await page.getByTestId('toast').filter({ hasText: 'Type check failed' }).count()).toBe(0);
  });

  it('pins the errors of every lambda of an opened document to its node and line, syntax errors too', async () => {
    const lambdaProblems = async () =>
      (await page.getByTestId('problems').locator('.problem.error').allTextContents()).filter((t) =>
        /\.(predicate|mapper|action)/.test(t),
      );
    const open = async (file: string) => {
      await d.press('ControlOrMeta+o');
      await page.locator(`[data-file="${file}"]`).click();
      await d.node('peek').waitFor();
    };
    mkdirSync(workspace, { recursive: true });
    // Type errors only: the lambdas are checked together in one request.
    writeFileSync(
      join(workspace, 'typos.topology.json'),
      chainWithLambdas('typos', {
        predicate: '(key, value) =>\n  value.lenght > 2',
        mapper: '(value) => value.toUpperCas()',
        action: '(key, value) => console.log(key, value)',
      }),
    );
    await open('typos.topology.json');
    await expect.poll(lambdaProblems, { timeout: 30_000 }).toHaveLength(2);
    const typos = await lambdaProblems();
    expect(typos.find((t) => t.includes('lenght'))).toContain('filter.predicate:2:');
    expect(typos.find((t) => t.includes('toUpperCas'))).toContain('mapValues.mapper:1:');
    expect(await d.node('filter').getByTestId('error-badge').count()).toBe(1);
    expect(await d.node('peek').getByTestId('error-badge').count()).toBe(0);
    // A syntax error could spill into its neighbours in a shared file; each lambda is then checked alone.
    writeFileSync(
      join(workspace, 'broken.topology.json'),
      chainWithLambdas('broken', {
        predicate: '(key, value) => value.lenght > 2',
        mapper: '(value) => value.toUpperCase()',
        action: '(key, value) => console.log(key, value',
      }),
    );
    await open('broken.topology.json');
    await expect
      .poll(async () => (await lambdaProblems()).some((t) => t.includes('peek.action')), {
        timeout: 30_000,
      })
      .toBe(true);
    const broken = await lambdaProblems();
    expect(broken.filter((t) => t.includes('filter.predicate'))).toHaveLength(1);
    expect(broken.some((t) => t.includes('mapValues.mapper'))).toBe(false);
    expect(broken.filter((t) => !t.includes('peek.action') && !t.includes('filter.predicate'))).toEqual([]);
  });

  it('imports a describe() text from Kafka’s docs into the right graph', async () => {
    await d.press('ControlOrMeta+i');
    await page.getByLabel('describe() text').fill(KAFKA_WORDCOUNT_DESCRIBE);
    await page.getByRole('button', { name: 'Import as new canvas' }).click();
    // Imported nodes keep the processor names (the grouping the repartition topic's), so the generated app
    // reuses the deployed app's internal topics and state.
    await d.node('counts-store').waitFor();
    expect(await kindsAndEdges()).toEqual({
      nodes: [
        'KSTREAM-SOURCE-0000000000:source.stream',
        'KSTREAM-FLATMAPVALUES-0000000001:flatMapValues',
        'counts-store:groupBy',
        'KSTREAM-AGGREGATE-0000000003:count',
        'KTABLE-TOSTREAM-0000000007:toStream',
        'KSTREAM-SINK-0000000008:sink.topic',
      ],
      edges: [
        'KSTREAM-SOURCE-0000000000->KSTREAM-FLATMAPVALUES-0000000001',
        'KSTREAM-FLATMAPVALUES-0000000001->counts-store',
        'counts-store->KSTREAM-AGGREGATE-0000000003',
        'KSTREAM-AGGREGATE-0000000003->KTABLE-TOSTREAM-0000000007',
        'KTABLE-TOSTREAM-0000000007->KSTREAM-SINK-0000000008',
      ],
    });
    const doc = await d.document();
    const topic = (id: string) => doc.nodes.find((n) => n.id === id)?.config['topic'];
    expect(topic('KSTREAM-SOURCE-0000000000')).toBe('streams-plaintext-input');
    expect(topic('KSTREAM-SINK-0000000008')).toBe('streams-wordcount-output');
    // The lambdas describe() does not show are placeholders, each a TODO in Problems.
    const todos = page.getByTestId('problems').locator('.problem.warning', { hasText: 'TODO' });
    await expect.poll(() => todos.count()).toBe(2);
  });

  it('closes a dialog opened from a shortcut with Escape', async () => {
    await d.press('ControlOrMeta+o');
    const dialog = page.getByRole('dialog', { name: 'Open' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('switches to the dark theme', async () => {
    await page.getByTestId('theme-toggle').click();
    // Page code as a string: this file is type-checked without the DOM library.
    expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe('dark');
    await d.press('Shift+1');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'dark.png') });
    await page.getByTestId('theme-toggle').click();
  });

  it('draws cards with less detail (no kind line) and edges as one overview when zoomed far out, and in full again when zoomed back in', async () => {
    const kindLines = page.locator('.react-flow__node .node-kind');
    const zoomedOut = page.locator('.canvas.zoomed-out');
    const zoomIn = page.locator('.react-flow__controls-zoomin');
    const zoomOut = page.locator('.react-flow__controls-zoomout');
    const overview = page.getByTestId('edge-overview');
    const edges = page.locator('.react-flow__edge');
    const edgesShown = () =>
      page.locator('div.react-flow__edges').evaluate((el) => getComputedStyle(el).display !== 'none');
    for (let i = 0; i < 10 && (await zoomedOut.count()) > 0; i++) await zoomIn.click();
    await expect.poll(() => kindLines.first().isVisible()).toBe(true);
    expect(await overview.count()).toBe(0);
    expect(await edgesShown()).toBe(true);
    const edgeCount = await edges.count();
    expect(edgeCount).toBeGreaterThan(0);
    const cardSize = await d.node('KSTREAM-AGGREGATE-0000000003').boundingBox();
    for (let i = 0; i < 10 && (await zoomedOut.count()) === 0; i++) await zoomOut.click();
    expect(await zoomedOut.count()).toBe(1);
    expect(await kindLines.first().isVisible()).toBe(false);
    // Every edge is in the overview (one bezier per edge), and React Flow's own edges are not drawn.
    await overview.waitFor();
    const segments = await overview
      .locator('path')
      .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').split('M').length - 1));
    expect(segments.reduce((a, b) => a + b, 0)).toBe(edgeCount);
    expect(await edgesShown()).toBe(false);
    // The card keeps its shape (scaled with the zoom), so nothing is measured again on crossing the threshold.
    const small = await d.node('KSTREAM-AGGREGATE-0000000003').boundingBox();
    expect(small && cardSize && small.width / small.height).toBeCloseTo(
      (cardSize?.width ?? 0) / (cardSize?.height ?? 1),
      1,
    );
    for (let i = 0; i < 10 && (await zoomedOut.count()) > 0; i++) await zoomIn.click();
    await expect.poll(() => kindLines.first().isVisible()).toBe(true);
    expect(await overview.count()).toBe(0);
    await expect.poll(edgesShown).toBe(true);
  });

  it('pans the canvas by dragging the overview map and zooms it with the wheel; the dot grid follows', async () => {
    const viewport = page.locator('.react-flow__viewport');
    const transform = async () => {
      const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(
        (await viewport.getAttribute('style')) ?? '',
      );
      return m ? { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) } : null;
    };
    const map = page.getByTestId('minimap');
    const box = await map.boundingBox();
    if (!box) throw new Error('no overview map');
    const before = await transform();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.3, { steps: 4 });
    await page.mouse.up();
    const panned = await transform();
    // Moving the frame left on the map shows what lies left: the drawing moves right on screen.
    expect(panned && before && panned.x > before.x).toBe(true);
    expect(panned?.zoom).toBe(before?.zoom);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    await expect.poll(async () => (await transform())?.zoom ?? 0).toBeGreaterThan(panned?.zoom ?? 0);
    // The dots' layer is shifted by less than one grid step, whatever the pan.
    const grid = await page
      .locator('.dot-grid')
      .evaluate((el) => [el.style.transform, el.style.backgroundSize]);
    const shift = /translate3d\(([-\d.]+)px, ([-\d.]+)px/.exec(grid[0] ?? '');
    const step = Number.parseFloat(grid[1] ?? '');
    expect(step).toBeGreaterThan(0);
    for (const v of [Number(shift?.[1]), Number(shift?.[2])]) {
      expect(v).toBeLessThanOrEqual(0);
      expect(v).toBeGreaterThanOrEqual(-step);
    }
    await d.press('Shift+1');
  });
});
