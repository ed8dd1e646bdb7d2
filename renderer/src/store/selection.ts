import { create } from 'zustand';

/**
 * The selected node and edge ids (React Flow's selection, kept here so commands can act on it). Its own store:
 * selecting is never an undo step and never makes the document dirty.
 */
export interface SelectionState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  /** Drops the ids that are no longer there (after undo or redo took their nodes or edges away). */
  keep(nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): void;
}

export const useSelection = create<SelectionState>()((set) => ({
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  select: (nodes, edges = []) => set({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) }),
  keep: (nodeIds, edgeIds) =>
    set((s) => ({
      selectedNodes: new Set([...s.selectedNodes].filter((id) => nodeIds.has(id))),
      selectedEdges: new Set([...s.selectedEdges].filter((id) => edgeIds.has(id))),
    })),
}));
