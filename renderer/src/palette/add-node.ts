import type { ReactFlowInstance } from '@xyflow/react';
import { useDesigner } from '../store/store.js';

export type ScreenToFlow = Pick<ReactFlowInstance, 'screenToFlowPosition'>;

/** Card size the centring allows for (NodeCard's width, a typical height). */
const HALF_CARD = { x: 100, y: 35 };

/** Adds a node of `kind` centred in the visible canvas (palette Enter/double-click, "Add node" commands). */
export function addNodeAtCentre(flow: ScreenToFlow, kind: string): string {
  const box = document.querySelector('.canvas')?.getBoundingClientRect();
  const p = flow.screenToFlowPosition({
    x: (box?.left ?? 0) + (box?.width ?? 800) / 2,
    y: (box?.top ?? 0) + (box?.height ?? 600) / 2,
  });
  return useDesigner
    .getState()
    .addNode(kind, { x: Math.round(p.x - HALF_CARD.x), y: Math.round(p.y - HALF_CARD.y) });
}
