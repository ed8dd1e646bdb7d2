import type { FitViewOptions } from '@xyflow/react';

/** Below this zoom a card's 13 px title reads under 10 px. */
export const READABLE_ZOOM = 0.75;
/** Up to this many nodes a topology is fitted no smaller than READABLE_ZOOM (the rest is a pan away). */
export const SMALL_GRAPH = 16;
/** The minimap's box and margin in the canvas' bottom-right corner (MiniMapCanvas draws 150×100). */
export const MINIMAP_BAND = 100 + 2 + 2 * 15;
/** The horizontal zoom controls' height and margin in the bottom-left corner. */
const CONTROLS_BAND = 28 + 2 * 15;

/**
 * How the canvas fits a topology into view: never larger than 1:1, no smaller than readable for a small
 * graph, and clear of the bottom band where the minimap and the zoom controls sit, so neither covers a node.
 */
export function fitOptions(nodeCount: number, minimap: boolean, duration = 0): FitViewOptions {
  const bottom = Math.max(minimap ? MINIMAP_BAND : 0, CONTROLS_BAND) + 8;
  return {
    maxZoom: 1,
    minZoom: nodeCount <= SMALL_GRAPH ? READABLE_ZOOM : 0.1,
    padding: { top: '24px', left: '24px', right: '24px', bottom: `${bottom}px` },
    duration,
  };
}
