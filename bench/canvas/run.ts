// Canvas benchmark: loads documents of 100, 500 and 1000 nodes into the designer in headless Chromium (served by
// the browser-mode host, as `npm start` does) and measures the time from "Open" to the first rendered canvas
// and the frame rate while a scripted pan and zoom runs. Prints a table and writes bench/results/canvas.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../test/e2e/support/browser.js';
import { ROOT } from '../../test/e2e/support/renderer-build.js';
import { startStudio } from '../../test/e2e/support/studio-server.js';
import { benchDocumentText } from './documents.js';

const SIZES = [100, 500, 1000];
const GOAL_FPS_AT_500 = 45;

interface Row {
  nodes: number;
  firstRenderMs: number;
  renderedNodes: number;
  panZoomFps: number;
  frames: number;
  durationMs: number;
}

async function main(): Promise<void> {
  const progress = (m: string) => process.stderr.write(`[canvas bench] ${m}\n`);
  const studio = await startStudio();
  progress('studio up');
  const browser = await launchChromium({ width: 1440, height: 900 });
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const file = `bench-${size}.topology.json`;
      mkdirSync(studio.workspace, { recursive: true });
      writeFileSync(join(studio.workspace, file), benchDocumentText(size));
      const page = await browser.context.newPage();
      await page.goto(`${studio.pageUrl}?empty`);
      await page.locator('.canvas-empty').waitFor();
      await page.keyboard.press('ControlOrMeta+o');
      const entry = page.locator(`[data-file="${file}"]`);
      await entry.waitFor();
      const box = await entry.boundingBox();
      if (!box) throw new Error('the Open dialog shows no entry for the benchmark file');
      // Time from the click to the first frame painted with nodes on the canvas, measured in the page.
      await page.evaluate(`window.__benchRender = new Promise((resolve) => {
        const t0 = performance.now();
        const check = () => document.querySelector('.react-flow__node')
          ? requestAnimationFrame(() => resolve(performance.now() - t0))
          : requestAnimationFrame(check);
        document.addEventListener('mousedown', () => requestAnimationFrame(check), { once: true, capture: true });
      }); undefined`);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      progress(`${size}: opening`);
      const firstRenderMs = await page.evaluate<number>('window.__benchRender');
      progress(`${size}: rendered in ${Math.round(firstRenderMs)} ms`);
      const renderedNodes = await page.locator('.react-flow__node').count();

      // Frame rate while panning (drag on the pane) and zooming (wheel) for a fixed script of moves.
      const pane = await page.locator('.react-flow__pane').boundingBox();
      if (!pane) throw new Error('no canvas pane');
      const cx = pane.x + pane.width / 2;
      const cy = pane.y + pane.height / 2;
      await page.evaluate(`window.__benchFrames = { n: 0, t0: performance.now(), on: true };
        (function tick() { if (!window.__benchFrames.on) return; window.__benchFrames.n++; requestAnimationFrame(tick); })(); undefined`);
      for (let round = 0; round < 3; round++) {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx - 300, cy - 150, { steps: 30 });
        await page.mouse.move(cx + 200, cy + 120, { steps: 30 });
        await page.mouse.up();
        for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -120);
        for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 120);
      }
      const { frames, durationMs } = await page.evaluate<{ frames: number; durationMs: number }>(`(() => {
        const f = window.__benchFrames; f.on = false;
        return { frames: f.n, durationMs: performance.now() - f.t0 };
      })()`);
      rows.push({
        nodes: size,
        firstRenderMs: Math.round(firstRenderMs),
        renderedNodes,
        panZoomFps: Math.round((frames / durationMs) * 10_000) / 10,
        frames,
        durationMs: Math.round(durationMs),
      });
      await page.close();
    }
  } finally {
    await browser.close();
    await studio.close();
  }
  console.log('nodes | first render (ms) | nodes in DOM | pan/zoom fps | frames / ms');
  console.log('----- | ----------------- | ------------ | ------------ | -----------');
  for (const r of rows)
    console.log(
      `${String(r.nodes).padStart(5)} | ${String(r.firstRenderMs).padStart(17)} | ${String(r.renderedNodes).padStart(12)} | ${String(r.panZoomFps).padStart(12)} | ${r.frames} / ${r.durationMs}`,
    );
  const at500 = rows.find((r) => r.nodes === 500);
  console.log(
    `goal: ≥ ${GOAL_FPS_AT_500} fps at 500 nodes — ${at500 && at500.panZoomFps >= GOAL_FPS_AT_500 ? 'met' : 'NOT met'}`,
  );
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'canvas.json'),
    `${JSON.stringify({ date: new Date().toISOString(), chromium: 'headless, --disable-gpu', goalFpsAt500: GOAL_FPS_AT_500, rows }, null, 2)}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
