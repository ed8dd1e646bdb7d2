import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

const GAP = 20;
// Keep in step with `.dot-grid`'s overhang in styles.css (GAP × the canvas' maxZoom).

/**
 * The canvas' dot grid as one composited layer that pans by transform. React Flow's <Background> is an SVG
 * pattern that Chromium repaints over the whole pane on every pan frame; without a GPU that repaint was a good
 * part of each frame on a large topology. Here the dots are painted again only when the zoom changes.
 */
export function DotGrid() {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let zoom = Number.NaN;
    const apply = ([x, y, z]: [number, number, number]): void => {
      const el = ref.current;
      if (!el) return;
      const step = GAP * z;
      if (z !== zoom) {
        zoom = z;
        const radius = Math.max(0.5, Math.min(1, z));
        el.style.backgroundSize = `${step}px ${step}px`;
        el.style.backgroundImage = `radial-gradient(circle at ${step / 2}px ${step / 2}px, var(--dot-grid-color) ${radius}px, transparent ${radius + 0.5}px)`;
      }
      // The layer overhangs the pane by more than a step (styles.css), so shifting it back by up to one step
      // never uncovers an edge.
      el.style.transform = `translate3d(${mod(x, step) - step}px, ${mod(y, step) - step}px, 0)`;
    };
    apply(store.getState().transform);
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) apply(s.transform);
    });
  }, [store]);
  return <div ref={ref} className="dot-grid" aria-hidden />;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;
