import { describe, expect, it } from 'vitest';
import {
  fitOptions,
  fitViewport,
  MINIMAP_BAND,
  MINIMAP_MIN_PANE,
  minimapFits,
  READABLE_ZOOM,
} from './fit.js';

describe('fitting a topology into the canvas', () => {
  it('never zooms a small graph below readable, and starts an overflowing one at its sources', () => {
    // Six cards in a row, 1400 px wide at 1:1, in a 800 px pane: fitting would need 0.54.
    const v = fitViewport({ x: 0, y: 0, width: 1400, height: 100 }, 800, 500, fitOptions(6, true));
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.x).toBe(24); // the left padding: the first node is whole, the last a pan away
  });

  it('shows a small graph whole when that stays legible: word count beside the palette and inspector', () => {
    // Word count's six cards span 1400 px at 1:1; the canvas is 938 px wide at 1440 px with both side panels.
    const bounds = { x: 0, y: 0, width: 1400, height: 130 };
    const v = fitViewport(bounds, 938, 500, fitOptions(6, true));
    expect(v.zoom).toBeGreaterThanOrEqual(0.6);
    expect(v.x).toBeGreaterThanOrEqual(0);
    // The last card ends inside the pane, not under the inspector.
    expect(v.x + bounds.width * v.zoom).toBeLessThanOrEqual(938 - 24);
  });

  it('zooms a graph cut off at the right a little further out, so that the edge falls between cards', () => {
    // Nine 200 px cards 240 px apart: at 0.7 in an 800 px pane the fourth card would be cut through.
    const cards = Array.from({ length: 9 }, (_, i) => ({ x: i * 240, y: 0, width: 200, height: 100 }));
    const bounds = { x: 0, y: 0, width: 8 * 240 + 200, height: 100 };
    const v = fitViewport(bounds, 800, 500, fitOptions(9, true), cards);
    const edge = 800 - 24;
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
    expect(v.zoom).toBeGreaterThanOrEqual(0.6);
    for (const c of cards) {
      const [from, to] = [v.x + c.x * v.zoom, v.x + (c.x + c.width) * v.zoom];
      expect(to <= edge + 1e-9 || from >= edge).toBe(true);
    }
    // Without the cards it cannot know where they are, and keeps the readable zoom.
    expect(fitViewport(bounds, 800, 500, fitOptions(9, true)).zoom).toBe(READABLE_ZOOM);
  });

  it('centres a graph that fits, at most 1:1', () => {
    const v = fitViewport({ x: 100, y: 50, width: 400, height: 100 }, 900, 500, fitOptions(3, true));
    expect(v.zoom).toBe(1);
    expect(v.x + 100 + 400 / 2).toBe(24 + (900 - 48) / 2);
  });

  it('keeps the nodes out of the bottom band where the minimap and zoom controls sit', () => {
    const options = fitOptions(40, true);
    const bounds = { x: 0, y: 0, width: 800, height: 1200 };
    const v = fitViewport(bounds, 900, 600, options);
    const bottomOfGraph = v.y + bounds.height * v.zoom;
    expect(bottomOfGraph).toBeLessThanOrEqual(600 - MINIMAP_BAND);
    // Without the minimap only the controls' strip is kept free.
    const w = fitViewport(bounds, 900, 600, fitOptions(40, false));
    expect(w.zoom).toBeGreaterThan(v.zoom);
  });

  it('lets a large graph, or an explicit Fit view, shrink below readable to show all of it', () => {
    const wide = { x: 0, y: 0, width: 6000, height: 400 };
    expect(fitViewport(wide, 900, 500, fitOptions(60, false)).zoom).toBeLessThan(READABLE_ZOOM);
    const v = fitViewport(
      { x: 0, y: 0, width: 1400, height: 100 },
      900,
      500,
      fitOptions(6, true, { readable: false }),
    );
    expect(v.zoom).toBeCloseTo((900 - 48) / 1400);
  });

  it('leaves the minimap out of a pane that would leave the cards less height than its band', () => {
    expect(minimapFits(MINIMAP_MIN_PANE)).toBe(true);
    expect(minimapFits(MINIMAP_MIN_PANE - 1)).toBe(false);
    expect(minimapFits(230)).toBe(false);
    // Not measured yet: drawn, so the first fit leaves its band free.
    expect(minimapFits(0)).toBe(true);
    expect(MINIMAP_MIN_PANE).toBeGreaterThan(2 * MINIMAP_BAND);
  });
});
