import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

const GAP = 20;
/** Smallest on-screen distance between dots, in pixels. */
const MIN_STEP = 10;

/**
 * The canvas' dot grid as one composited layer that the compositor pans and scales. React Flow's
 * <Background> is an SVG pattern that Chromium repaints over the whole pane on every pan and zoom frame;
 * without a GPU that repaint was a good part of each frame on a large topology. Here the dots are painted
 * again only when the zoom leaves its power-of-two band; within the band the layer is scaled by transform.
 */
export function DotGrid() {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let painting = '';
    const apply = ([x, y, zoom]: [number, number, number]): void => {
      const el = ref.current;
      if (!el) return;
      // Zoomed far out, every second (fourth, …) dot only, so the grid stays a grid rather than a grey haze.
      const gap = GAP * (GAP * zoom < MIN_STEP ? 2 ** Math.ceil(Math.log2(MIN_STEP / (GAP * zoom))) : 1);
      const painted = 2 ** Math.round(Math.log2(zoom));
      if (`${gap}@${painted}` !== painting) {
        painting = `${gap}@${painted}`;
        const tile = gap * painted;
        const radius = Math.max(0.5, Math.min(1, painted));
        el.style.backgroundSize = `${tile}px ${tile}px`;
        el.style.backgroundImage = `radial-gradient(circle at ${tile / 2}px ${tile / 2}px, var(--dot-grid-color) ${radius}px, transparent ${radius + 0.5}px)`;
      }
      // Shifted back by less than one on-screen step; the layer overhangs the pane enough (styles.css) that
      // neither the shift nor a scale down to 1/√2 uncovers an edge.
      const step = gap * zoom;
      el.style.transform = `translate3d(${mod(x, step) - step}px, ${mod(y, step) - step}px, 0) scale(${zoom / painted})`;
    };
    apply(store.getState().transform);
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) apply(s.transform);
    });
  }, [store]);
  return <div ref={ref} className="dot-grid" aria-hidden />;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;
