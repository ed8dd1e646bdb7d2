import type { ReactFlowState } from '@xyflow/react';
import type { TopologyNode } from './view-model.js';

export const MINIMAP_WIDTH = 150;
export const MINIMAP_HEIGHT = 100;
const PAD = 6;

/** Where the flow's rectangle sits in the minimap: minimap = (flow − origin) × scale + offset. */
export interface Mapping {
  scale: number;
  originX: number;
  originY: number;
  offsetX: number;
  offsetY: number;
}

/**
 * Resolves node accents, which are CSS variables (they follow the theme), to the colours a canvas needs.
 * Resolved once per colour until `clear` (on a theme change): reading computed styles on every frame forced a
 * style recalculation each time.
 */
export function colourResolver(element: () => Element | null): {
  colour(css: string): string;
  clear(): void;
} {
  const colours = new Map<string, string>();
  return {
    colour: (css) => {
      let c = colours.get(css);
      if (c === undefined) {
        const v = /^var\((--[\w-]+)\)$/.exec(css);
        const el = element();
        const styles = el ? getComputedStyle(el) : null;
        c = v && styles ? styles.getPropertyValue(v[1] ?? '').trim() || '#888' : css;
        colours.set(css, c);
      }
      return c;
    },
    clear: () => colours.clear(),
  };
}

/**
 * Draws the overview of every node with the visible part framed into `el` (sized for the device's pixel
 * ratio), and returns the mapping it used, for turning pointer positions back into flow points.
 */
export function drawMinimap(
  el: HTMLCanvasElement,
  s: ReactFlowState<TopologyNode>,
  colour: (css: string) => string,
): Mapping | null {
  const ctx = el.getContext('2d');
  if (!ctx) return null;
  const dpr = window.devicePixelRatio || 1;
  if (el.width !== MINIMAP_WIDTH * dpr) {
    el.width = MINIMAP_WIDTH * dpr;
    el.height = MINIMAP_HEIGHT * dpr;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, MINIMAP_WIDTH, MINIMAP_HEIGHT);
  const view = visibleRect(s);
  // The overview spans the nodes and the visible part, so the frame never leaves it.
  let minX = view.x;
  let minY = view.y;
  let maxX = view.x + view.width;
  let maxY = view.y + view.height;
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + (n.measured.width ?? 0));
    maxY = Math.max(maxY, y + (n.measured.height ?? 0));
  }
  const scale = Math.min(
    (MINIMAP_WIDTH - 2 * PAD) / (maxX - minX || 1),
    (MINIMAP_HEIGHT - 2 * PAD) / (maxY - minY || 1),
  );
  const m: Mapping = {
    scale,
    originX: minX,
    originY: minY,
    offsetX: (MINIMAP_WIDTH - (maxX - minX) * scale) / 2,
    offsetY: (MINIMAP_HEIGHT - (maxY - minY) * scale) / 2,
  };
  const selected = colour('var(--accent-ui)');
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    ctx.fillStyle = n.selected ? selected : colour(n.data.accent);
    ctx.fillRect(
      (x - m.originX) * scale + m.offsetX,
      (y - m.originY) * scale + m.offsetY,
      Math.max(1, (n.measured.width ?? 0) * scale),
      Math.max(1, (n.measured.height ?? 0) * scale),
    );
  }
  ctx.strokeStyle = colour('var(--minimap-frame)');
  ctx.lineWidth = 1.5;
  ctx.strokeRect(
    (view.x - m.originX) * scale + m.offsetX,
    (view.y - m.originY) * scale + m.offsetY,
    view.width * scale,
    view.height * scale,
  );
  return m;
}

/** The part of the flow the pane shows, in flow coordinates. */
function visibleRect(s: ReactFlowState<TopologyNode>) {
  const [x, y, zoom] = s.transform;
  return { x: -x / zoom, y: -y / zoom, width: s.width / zoom, height: s.height / zoom };
}
