import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, type PointerEvent, type WheelEvent } from 'react';
import { colourResolver, drawMinimap, MINIMAP_HEIGHT, MINIMAP_WIDTH, type Mapping } from './minimap-draw.js';
import type { TopologyNode } from './view-model.js';
import { useUi } from '../store/ui.js';

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
    const colours = colourResolver(() => canvas.current);
    let frame = 0;
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), draw()));
    };
    const draw = (): void => {
      const m = canvas.current && drawMinimap(canvas.current, store.getState(), colours.colour);
      if (m) mapping.current = m;
    };
    draw();
    const unsubscribeTheme = useUi.subscribe((s, prev) => {
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
      style={{ width: MINIMAP_WIDTH, height: MINIMAP_HEIGHT }}
      aria-label="Overview of the topology: drag to move the view, scroll to zoom"
      data-testid="minimap"
      onPointerDown={onPointerDown}
      onWheel={onWheel}
    />
  );
}
