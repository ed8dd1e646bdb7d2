import { isLiveSession, type Studio } from '@topograph/api';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { create } from 'zustand';
import { useDesigner } from '../store/store.js';
import { useRunControls } from './controls.js';
import { useRun } from './run-store.js';
import { isTapped, setEdgeTap } from './taps.js';

interface EdgeMenuState {
  menu: { edgeId: string; x: number; y: number } | null;
}

const useEdgeMenu = create<EdgeMenuState>()(() => ({ menu: null }));

/** Opens the tap menu of a canvas edge at a screen point (the canvas' edge right-click). */
export const openEdgeMenu = (edgeId: string, x: number, y: number): void =>
  useEdgeMenu.setState({ menu: { edgeId, x, y } });

const close = () => useEdgeMenu.setState({ menu: null });

/** The edge's context menu: Tap records / Stop tapping; the dock then shows the Taps tab. */
export function EdgeTapMenu({ studio }: { studio: Studio }) {
  const menu = useEdgeMenu((s) => s.menu);
  const status = useRun((s) => s.status);
  const doc = useDesigner((s) => s.history.present);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    setError(null);
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [menu]);
  if (!menu) return null;
  const live = status !== null && isLiveSession(status);
  const edge = doc.edges.find((e) => e.id === menu.edgeId);
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const tapped = live && isTapped(status.taps, menu.edgeId);
  const toggle = () =>
    void setEdgeTap(studio, menu.edgeId, !tapped).then(
      () => {
        close();
        useRunControls.setState({ open: true, tab: 'taps' });
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return createPortal(
    <div
      ref={ref}
      className="run-edge-menu"
      role="menu"
      style={{ left: menu.x, top: menu.y }}
      data-testid="edge-menu"
    >
      {edge && (
        <p className="run-muted">
          {name(edge.source)} → {name(edge.target)}
        </p>
      )}
      <button type="button" role="menuitem" disabled={!live} onClick={toggle}>
        {tapped ? 'Stop tapping' : 'Tap records'}
      </button>
      {!live && <p className="run-muted">Run the topology to tap this edge.</p>}
      {error && <p className="run-bad">{error}</p>}
    </div>,
    document.body,
  );
}
