import { useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef, type PointerEvent, type WheelEvent } from 'react';
import { useDesigner } from '../store/store.js';
import type { TopologyNode } from './view-model.js';

const WIDTH = 150;
const HEIGHT = 100;
const PAD = 6;

/** Where the flow's rectangle sits in the minimap: minimap = (flow − origin) × scale + offset. */
interface Mapping {
  scale: number;
  originX: number;
  originY: number;
  offsetX: number;
  offsetY: number;
}

/**
 * An overview of the whole topology with the visible part framed; drag to pan, wheel to zoom.
 *
 * Drawn on a <canvas> rather than React Flow's SVG <MiniMap>: that one re-lays out and repaints one SVG
 * rectangle per node on every pan frame (its scale follows the viewport), which cost a large topology a
 * quarter of its frame rate without a GPU. Redrawing a few hundred rectangles into a small canvas costs far
 * less than a millisecond.
 */
export function MiniMapCanvas() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const mapping = useRef<Mapping | null>(null);
  const store = useStoreApi<TopologyNode>();
  const flow = useReactFlow();

  useEffect(() => {
    // Node accents are CSS variables (they follow the theme); a canvas needs the colours they stand for.
    // Resolved once per theme: reading computed styles on every frame forced a style recalculation each time.
    const colours = new Map<string, string>();
    const colour = (css: string): string => {
      let c = colours.get(css);
      if (c === undefined) {
        const v = /^var\((--[\w-]+)\)$/.exec(css);
        const styles = canvas.current ? getComputedStyle(canvas.current) : null;
        c = v && styles ? styles.getPropertyValue(v[1] ?? '').trim() || '#888' : css;
        colours.set(css, c);
      }
      return c;
    };
    let frame = 0;
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), draw()));
    };
    const draw = (): void => {
      const el = canvas.current;
      const ctx = el?.getContext('2d');
      if (!el || !ctx) return;
      const dpr = window.devicePixelRatio || 1;
      if (el.width !== WIDTH * dpr) {
        el.width = WIDTH * dpr;
        el.height = HEIGHT * dpr;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const s = store.getState();
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
      const scale = Math.min((WIDTH - 2 * PAD) / (maxX - minX || 1), (HEIGHT - 2 * PAD) / (maxY - minY || 1));
      const m: Mapping = {
        scale,
        originX: minX,
        originY: minY,
        offsetX: (WIDTH - (maxX - minX) * scale) / 2,
        offsetY: (HEIGHT - (maxY - minY) * scale) / 2,
      };
      mapping.current = m;
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
    };
    draw();
    const unsubscribeTheme = useDesigner.subscribe((s, prev) => {
      if (s.theme === prev.theme) return;
      colours.clear();
      schedule();
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.transform !== prev.transform ||
        s.nodes !== prev.nodes ||
        s.width !== prev.width ||
        s.height !== prev.height
      )
        schedule();
    });
    return () => {
      unsubscribe();
      unsubscribeTheme();
      cancelAnimationFrame(frame);
    };
  }, [store]);

  /** The flow point under a pointer on the minimap. */
  const toFlow = (e: { clientX: number; clientY: number }, m: Mapping) => {
    const box = canvas.current?.getBoundingClientRect();
    const px = e.clientX - (box?.left ?? 0);
    const py = e.clientY - (box?.top ?? 0);
    return { x: (px - m.offsetX) / m.scale + m.originX, y: (py - m.offsetY) / m.scale + m.originY };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const m = mapping.current;
    if (!m || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const zoom = store.getState().transform[2];
    const centre = (ev: { clientX: number; clientY: number }) => {
      const p = toFlow(ev, m);
      void flow.setCenter(p.x, p.y, { zoom });
    };
    centre(e);
    // The mapping of the press is kept for the whole drag: the overview rescales as the view moves, and
    // following it would make the frame run away from the pointer.
    const target = e.currentTarget;
    const move = (ev: globalThis.PointerEvent) => centre(ev);
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    const s = store.getState();
    const zoom = Math.min(s.maxZoom, Math.max(s.minZoom, s.transform[2] * Math.pow(2, -e.deltaY / 500)));
    void flow.zoomTo(zoom);
  };

  return (
    <canvas
      ref={canvas}
      className="minimap"
      style={{ width: WIDTH, height: HEIGHT }}
      aria-label="Overview of the topology: drag to move the view, scroll to zoom"
      data-testid="minimap"
      onPointerDown={onPointerDown}
      onWheel={onWheel}
    />
  );
}

/** The part of the flow the pane shows, in flow coordinates. */
function visibleRect(s: ReactFlowState<TopologyNode>) {
  const [x, y, zoom] = s.transform;
  return { x: -x / zoom, y: -y / zoom, width: s.width / zoom, height: s.height / zoom };
}
