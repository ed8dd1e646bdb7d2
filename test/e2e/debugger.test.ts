/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The stream debugger in Chromium (issue 17, "Done when" 1 and 2): record a run, step through it, see windows
// and their close times, the late trade with its reason, "why" for an output, Save as test; and a clickstream
// search that missed its click's join window, with the reason.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadDocument, serializeDocument, type TopologyDocument } from '@topograph/document';
import { generate } from '@topograph/codegen';
import type { DesignerPage } from './support/designer-page.js';
import { openDesigner } from './support/designer-session.js';
import { ROOT } from './support/renderer-build.js';
import type { RunningStudio } from './support/studio-server.js';

/** Set TOPOGRAPH_SCREENSHOTS=1 to refresh docs/screenshots from this run. */
const SCREENSHOTS = process.env['TOPOGRAPH_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'screenshots') : null;

/** Clicks joined with the same user's searches within 1 s (the stream–stream part of the clickstream example). */
const CLICK_SEARCH: TopologyDocument = {
  version: 2,
  name: 'click-search',
  types: [
    { name: 'Click', declaration: '{ page: string }' },
    { name: 'Search', declaration: '{ query: string }' },
    { name: 'ClickAfterSearch', declaration: '{ page: string; query: string }' },
  ],
  nodes: [
    {
      id: 'clicks',
      kind: 'source.stream',
      position: { x: 0, y: 0 },
      config: { topic: 'clicks', keySerde: 'string', valueSerde: 'json', valueType: 'Click' },
    },
    {
      id: 'searches',
      kind: 'source.stream',
      position: { x: 0, y: 200 },
      config: { topic: 'searches', keySerde: 'string', valueSerde: 'json', valueType: 'Search' },
    },
    {
      id: 'with-search',
      kind: 'join.streamStream',
      position: { x: 300, y: 100 },
      config: {
        joinType: 'inner',
        joiner: '(click, search) => ({ page: click.page, query: search.query })',
        valueType: 'ClickAfterSearch',
        windowMs: 1000,
      },
    },
    {
      id: 'to-output',
      kind: 'sink.topic',
      position: { x: 600, y: 100 },
      config: { topic: 'clicks-after-search', keySerde: 'string', valueSerde: 'json' },
    },
  ],
  edges: [
    { id: 'e1', source: 'clicks', target: 'with-search' },
    { id: 'e2', source: 'searches', target: 'with-search', targetHandle: 'right' },
    { id: 'e3', source: 'with-search', target: 'to-output' },
  ],
  settings: { applicationId: 'click-search' },
};

let studio: RunningStudio;
let page: Page;
let d: DesignerPage;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ studio, page, d, close } = await openDesigner('?empty'));
  await page.locator('.canvas-empty').waitFor();
  mkdirSync(studio.workspace, { recursive: true });
  copyFileSync(
    join(ROOT, 'examples', 'stock-stats.topology.json'),
    join(studio.workspace, 'stock-stats.topology.json'),
  );
  writeFileSync(join(studio.workspace, 'click-search.topology.json'), serializeDocument(CLICK_SEARCH));
  await page.setViewportSize({ width: 1600, height: 1200 });
  // For the README's screenshots the dock is taller (the size its splitter keeps), so each view fits.
  if (SCREENSHOTS) {
    // LAYOUT_KEY of renderer/src/store/layout.ts.
    await page.evaluate(
      (key) => localStorage.setItem(key, JSON.stringify({ dockHeight: 760 })),
      'topograph.layout',
    );
    await page.reload();
    await page.locator('.canvas-empty').waitFor();
  }
});
afterAll(async () => close?.());

async function openDocument(file: string, firstNode: string): Promise<void> {
  await d.press('ControlOrMeta+o');
  await page.locator(`[data-file="${file}"]`).click();
  await page.locator(`[data-testid="node-${firstNode}"]`).waitFor();
}

async function runAndSend(topicLines: Array<[string, string[]]>): Promise<void> {
  await page.getByTestId('run-start').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]')?.textContent === 'running',
    null,
    { timeout: 90_000 },
  );
  await page.getByRole('tab', { name: 'Producer' }).click();
  for (const [topic, lines] of topicLines) {
    await page.getByTestId('producer-topic').selectOption(topic);
    await page.getByTestId('producer-lines').fill(lines.join('\n'));
    await page.getByTestId('producer-send').click();
    // One topic at a time, each once the host has it: the recording keeps the order the records arrived in.
    // (Consecutive sends go to different topics, so each confirmation differs from the one before.)
    const count = `${lines.length} record${lines.length === 1 ? '' : 's'}`;
    await page.getByTestId('producer').getByText(`sent ${count} to ${topic}`).waitFor();
  }
}

/** Replays until the recording holds `outputs` outputs (the run writes them as it processes), then stops. */
async function recordThenStop(outputs: number): Promise<void> {
  await page.getByRole('tab', { name: 'Debugger' }).click();
  await expect
    .poll(
      async () => {
        await page.getByTestId('debug-open').click();
        return (await page.getByTestId('debug-summary').textContent()) ?? '';
      },
      { timeout: 60_000, interval: 500 },
    )
    .toContain(`${outputs} outputs`);
  await page.getByTestId('run-stop').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]')?.textContent === 'stopped',
    null,
    { timeout: 30_000 },
  );
}

const position = () => page.getByTestId('debug-position').textContent();

function runVitest(dir: string): { status: number | null; output: string } {
  const r = spawnSync('npx', ['vitest', 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const trade = (symbol: string, price: number, timestamp: number): string =>
  JSON.stringify({ key: symbol, value: { symbol, price, volume: 10 }, timestamp });

describe('the stream debugger', { timeout: 300_000 }, () => {
  it('stock-stats: timeline, windows with close times, the late trade and its reason, why, Save as test', async () => {
    await openDocument('stock-stats.topology.json', 'trades');
    await runAndSend([
      [
        'trades',
        [
          trade('ACME', 100, 1_000),
          trade('INIT', 12, 30_000),
          trade('ACME', 110, 65_000), // the first minute closes (end + 5 s grace)
          trade('ACME', 99, 3_000), // late
        ],
      ],
    ]);
    await recordThenStop(2);

    await page.getByTestId('debug-open').click();
    await expect.poll(position).toBe('0 / 4');
    for (let i = 0; i < 3; i++) await page.getByTestId('debug-step').click();
    await expect.poll(position).toBe('3 / 4');
    // The current record is highlighted on its path through the canvas.
    const highlight = await page.getByTestId('debug-highlight').textContent();
    for (const id of ['trades', 'stats', 'final', 'flatten', 'to-stock-stats'])
      expect(highlight).toContain(`[data-node-id="${id}"]`);
    const windows = page.getByTestId('windows-stats').getByTestId('debug-window');
    await expect.poll(() => windows.count()).toBe(3);
    expect(
      await windows.evaluateAll((ws) => ws.map((w) => [w.getAttribute('data-closed'), w.textContent])),
    ).toEqual([
      ['true', expect.stringContaining('close 65000 ms · closed')],
      ['true', expect.stringContaining('close 65000 ms · closed')],
      ['false', expect.stringContaining('close 125000 ms · open')],
    ]);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'debugger-timeline.png') });
      const axis = page.getByTestId('windows-stats');
      await axis.scrollIntoViewIfNeeded();
      await axis.locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'debugger-windows.png') });
    }

    await page.getByTestId('debug-step').click();
    await expect.poll(position).toBe('4 / 4');
    expect(await page.getByTestId('debug-late').textContent()).toContain(
      'stats (input #4): record time 3000 ms arrived at stream time 65000 ms; its window [0 ms, 60000 ms) closed at 65000 ms (grace 5 s)',
    );
    await page.getByTestId('debug-why').first().click();
    const why = page.getByTestId('debug-why-panel');
    await why.waitFor();
    expect(await why.textContent()).toContain('Caused by input #3 (trades-0 @ 65000 ms)');
    expect(await why.locator('li b').allTextContents()).toEqual([
      'trades',
      'stats',
      'final',
      'results',
      'flatten',
      'to-stock-stats',
    ]);
    if (SCREENSHOTS) {
      // What the window shows with the answer scrolled into view (the dock's own scrolling clips elements).
      await why.evaluate((e) => e.scrollIntoView({ block: 'end' }));
      const dock = await page.getByTestId('run-dock').boundingBox();
      await page.screenshot({ path: join(SCREENSHOTS, 'debugger-why.png'), ...(dock ? { clip: dock } : {}) });
    }

    // Stepping back shows the earlier state again.
    await page.getByTestId('debug-back').click();
    await expect.poll(position).toBe('3 / 4');
    expect(await page.getByText('None so far.').count()).toBe(1);

    await page.getByTestId('debug-save-recording').click();
    await expect
      .poll(() => page.getByTestId('debug-note').textContent())
      .toContain('stock-stats.recording.json');
    expect(existsSync(join(studio.workspace, 'stock-stats.recording.json'))).toBe(true);
    await page.getByTestId('debug-save-test').click();
    await expect.poll(() => page.getByTestId('debug-note').textContent()).toContain('stock-stats.test.ts');

    // The saved test passes in the project, and fails once the window size in the document changes.
    const scratchRoot = join(ROOT, 'codegen', '.run');
    mkdirSync(scratchRoot, { recursive: true });
    const scratch = mkdtempSync(join(scratchRoot, 'e2e-debugger-'));
    try {
      writeFileSync(
        join(scratch, 'vitest.config.mjs'),
        "export default { test: { include: ['*.test.ts'] } };\n",
      );
      for (const f of ['stock-stats.test.ts', 'stock-stats.topology.ts'])
        copyFileSync(join(studio.workspace, f), join(scratch, f));
      const pass = runVitest(scratch);
      expect(pass.output).toContain('1 passed');
      const loaded = loadDocument(readFileSync(join(studio.workspace, 'stock-stats.topology.json'), 'utf8'));
      if (!loaded.document) throw new Error('stock-stats does not load');
      const doc = loaded.document;
      const changed = {
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === 'per-minute' ? { ...n, config: { ...n.config, sizeMs: 30_000 } } : n,
        ),
      };
      writeFileSync(
        join(scratch, 'stock-stats.topology.ts'),
        (await generate(changed)).files[0]?.content ?? '',
      );
      const fail = runVitest(scratch);
      expect(fail.status).toBe(1);
      expect(fail.output).toContain('1 failed');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('clickstream: the join view shows a search that missed its click’s window, and why', async () => {
    await openDocument('click-search.topology.json', 'clicks');
    await runAndSend([
      ['searches', [JSON.stringify({ key: 'u1', value: { query: 'shoes' }, timestamp: 1_000 })]],
      ['clicks', [JSON.stringify({ key: 'u1', value: { page: '/shoes' }, timestamp: 1_500 })]],
      ['searches', [JSON.stringify({ key: 'u1', value: { query: 'hats' }, timestamp: 5_000 })]],
      ['clicks', [JSON.stringify({ key: 'u1', value: { page: '/hats' }, timestamp: 7_000 })]],
    ]);
    await recordThenStop(1);
    await page.getByTestId('debug-open').click();
    await expect.poll(position).toBe('0 / 4');
    await page.getByRole('button', { name: 'To end' }).click();
    await expect
      .poll(
        async () =>
          `${await position()} ${(await page.getByTestId('debug-error').count()) > 0 ? await page.getByTestId('debug-error').textContent() : ''}`,
      )
      .toBe('4 / 4 ');
    const joins = await page.locator('[data-testid^="debug-join-"]').allTextContents();
    const all = joins.join('\n');
    expect(all).toContain('met its partner');
    expect(all).toContain(
      'input #4 u1 @ 7000 ms: no match — the nearest record with this key on the other side is at 5000 ms, 2 s before this one; the join window reaches 1 s before ([6000 ms, 8000 ms])',
    );
    if (SCREENSHOTS)
      await page.getByTestId('debugger').screenshot({ path: join(SCREENSHOTS, 'debugger-join.png') });
  });
});
