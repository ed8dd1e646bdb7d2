import type { FitViewOptions, ReactFlowInstance, Rect } from '@xyflow/react';

/** Below this zoom a card's 13 px title reads under 10 px. */
export const READABLE_ZOOM = 0.7;
/**
 * A small graph that fits whole at this zoom or more is shown whole on opening: word count's six cards need
 * 0.64 beside the palette and the inspector at 1440 px, and a last card cut in half under the inspector read
 * as a bug. Its 13 px titles and run figures and 12 px details still read at 7–8 px on screen.
 */
export const WHOLE_ZOOM = 0.6;
/** Up to this many nodes a topology is fitted no smaller than READABLE_ZOOM (the rest is a pan away). */
export const SMALL_GRAPH = 16;
/** The minimap's box and margin in the canvas' bottom-right corner (MiniMapCanvas draws 150×100). */
export const MINIMAP_BAND = 100 + 2 + 2 * 15;
/**
 * The shortest canvas the minimap is drawn in: below it, its band would leave the cards less height than its
 * own, and at a readable zoom they would run under it. Unmeasured (0) counts as room enough.
 */
export const MINIMAP_MIN_PANE = 3 * MINIMAP_BAND;
export const minimapFits = (paneHeight: number): boolean =>
  paneHeight === 0 || paneHeight >= MINIMAP_MIN_PANE;
/** The horizontal zoom controls' height and margin in the bottom-left corner. */
const CONTROLS_BAND = 28 + 2 * 15;

/**
 * How the canvas fits a topology into view: never larger than 1:1, and clear of the bottom band where the
 * minimap and the zoom controls sit, so neither covers a node. The fit on opening (`readable`) keeps a small
 * graph no smaller than readable; the Fit view button and command show all of it.
 */
export function fitOptions(
  nodeCount: number,
  minimap: boolean,
  { duration = 0, readable = true }: { duration?: number; readable?: boolean } = {},
): FitViewOptions {
  const bottom = Math.max(minimap ? MINIMAP_BAND : 0, CONTROLS_BAND) + 8;
  return {
    maxZoom: 1,
    minZoom: readable && nodeCount <= SMALL_GRAPH ? READABLE_ZOOM : 0.05,
    padding: { top: '24px', left: '24px', right: '24px', bottom: `${bottom}px` },
    duration,
  };
}

type FitFlow = Pick<ReactFlowInstance, 'getNodes' | 'getNodesBounds' | 'setViewport'>;

const px = (v: number | string | undefined): number =>
  typeof v === 'number' ? v : Number.parseFloat(v ?? '0');

/**
 * The viewport that fits `bounds` into a `width`×`height` pane with `options`: whole when that takes a zoom of
 * WHOLE_ZOOM or more, whatever `minZoom` says; centred when it fits at the zoom allowed, else started at its
 * top-left corner (where a topology's sources are), so what is cut off is the far end, a pan away, rather than
 * both ends. Given the cards (`nodes`), a graph cut off at the right edge is zoomed out a little (not below
 * WHOLE_ZOOM) so that the edge falls between cards, not through one: a card cut in half under the inspector
 * read as a bug.
 */
export function fitViewport(
  bounds: Rect,
  width: number,
  height: number,
  options: FitViewOptions,
  nodes: readonly Rect[] = [],
): { x: number; y: number; zoom: number } {
  const p = typeof options.padding === 'object' ? options.padding : {};
  const [top, right, bottom, left] = [px(p.top), px(p.right), px(p.bottom), px(p.left)];
  const w = Math.max(1, width - left - right);
  const h = Math.max(1, height - top - bottom);
  const fitted = Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
  const chosen = Math.min(
    options.maxZoom ?? 1,
    fitted >= WHOLE_ZOOM ? fitted : Math.max(options.minZoom ?? 0.1, fitted),
  );
  const zoom = bounds.width * chosen > w ? clearCut(bounds, nodes, w, chosen) : chosen;
  const place = (start: number, room: number, size: number, origin: number): number =>
    size * zoom <= room ? start + (room - size * zoom) / 2 - origin * zoom : start - origin * zoom;
  return {
    x: place(left, w, bounds.width, bounds.x),
    y: place(top, h, bounds.height, bounds.y),
    zoom,
  };
}

/**
 * The largest zoom from `zoom` down to WHOLE_ZOOM at which the right edge of a `room`-wide view started at the
 * graph's left crosses no card; `zoom` itself when there is none.
 */
function clearCut(bounds: Rect, nodes: readonly Rect[], room: number, zoom: number): number {
  const spans = nodes.map((n) => ({ from: n.x - bounds.x, to: n.x - bounds.x + n.width }));
  const clear = (z: number) => spans.every((n) => n.to * z <= room || n.from * z >= room);
  // The zooms at which a card ends exactly at the edge, largest first: the first one that cuts nothing wins.
  const candidates = [zoom, ...spans.map((n) => room / n.to).filter((z) => z < zoom && z >= WHOLE_ZOOM)];
  return candidates.sort((a, b) => b - a).find(clear) ?? zoom;
}

/** Fits the canvas' nodes into the pane as `fitViewport` does; nothing to do for an empty canvas. */
export async function fitTopology(flow: FitFlow, options: FitViewOptions): Promise<void> {
  const nodes = flow.getNodes();
  const pane = document.querySelector('.canvas .react-flow');
  if (nodes.length === 0 || !pane) return;
  const cards = nodes.map((n) => ({
    x: n.position.x,
    y: n.position.y,
    width: n.measured?.width ?? n.width ?? 0,
    height: n.measured?.height ?? n.height ?? 0,
  }));
  const viewport = fitViewport(
    flow.getNodesBounds(nodes),
    pane.clientWidth,
    pane.clientHeight,
    options,
    cards,
  );
  await flow.setViewport(
    viewport,
    options.duration !== undefined ? { duration: options.duration } : undefined,
  );
}
