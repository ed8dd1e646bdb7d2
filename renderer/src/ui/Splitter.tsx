import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** `row`: a horizontal bar between stacked panels (drags change a height); `column`: a vertical bar. */
  between: 'row' | 'column';
  /** The size of the panel this bar resizes, px. */
  size: number;
  min: number;
  max: number;
  /** The resized panel lies after the bar (below or right of it): dragging towards it shrinks it. */
  panelAfter: boolean;
  label: string;
  /** Called while dragging and on keyboard steps. */
  onResize(size: number): void;
  /** Called once a drag or key press is over, with the final size. */
  onCommit?(size: number): void;
  testId?: string;
}

const STEP = 24;

/**
 * A draggable bar between two panels (pointer capture, so a fast drag never loses it), also resizable from the
 * keyboard: arrows step 24 px, Home/End go to the limits. It reports sizes; the owner applies and keeps them.
 */
export function Splitter({
  between,
  size,
  min,
  max,
  panelAfter,
  label,
  onResize,
  onCommit,
  testId,
}: SplitterProps) {
  const drag = useRef<{ start: number; size: number; last: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const coord = (e: PointerEvent) => (between === 'row' ? e.clientY : e.clientX);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: coord(e), size, last: size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const delta = coord(e) - d.start;
    d.last = clamp(d.size + (panelAfter ? -delta : delta));
    onResize(d.last);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    onCommit?.(d.last);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow =
      between === 'row' ? (panelAfter ? 'ArrowUp' : 'ArrowDown') : panelAfter ? 'ArrowLeft' : 'ArrowRight';
    const shrink =
      between === 'row' ? (panelAfter ? 'ArrowDown' : 'ArrowUp') : panelAfter ? 'ArrowRight' : 'ArrowLeft';
    const next =
      e.key === grow
        ? size + STEP
        : e.key === shrink
          ? size - STEP
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    onResize(clamp(next));
    onCommit?.(clamp(next));
  };
  return (
    <div
      className={`splitter splitter-${between}`}
      role="separator"
      aria-orientation={between === 'row' ? 'horizontal' : 'vertical'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
