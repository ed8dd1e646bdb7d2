/**
 * Undo/redo over immutable snapshots. Every document change goes through `record`, so undo restores the exact
 * previous state. A change with the same `coalesce` key as the one before it (typing in one field, dragging one
 * selection) replaces the latest step instead of adding one, so undo goes back a whole edit, not a keystroke.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Coalescing key of the step that produced `present`; null when the next change must start a new step. */
  lastKey: string | null;
}

/** How many steps undo can go back; older steps are dropped. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [], lastKey: null });

export function record<T>(h: History<T>, next: T, coalesce: string | null = null): History<T> {
  if (next === h.present) return h;
  if (coalesce !== null && coalesce === h.lastKey && h.past.length > 0)
    return { past: h.past, present: next, future: [], lastKey: coalesce };
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: coalesce };
}

export function undo<T>(h: History<T>): History<T> {
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future], lastKey: null };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null };
}

/** Ends coalescing: the next change becomes its own undo step even with the same key. */
export const seal = <T>(h: History<T>): History<T> => (h.lastKey === null ? h : { ...h, lastKey: null });
