import {
  addNode,
  connect,
  copyNodes,
  deleteItems,
  emptyDocument,
  moveNodes,
  pasteClip,
  serializeDocument,
  updateConfig,
  updateLabel,
  type Clip,
  type Problem,
  type TopologyDocument,
} from '@topograph/document';
import { create } from 'zustand';
import { record, redo, seal, startHistory, undo, type History } from './history.js';
import { useSelection } from './selection.js';
import { useUi } from './ui.js';

export interface DesignerState {
  history: History<TopologyDocument>;
  filePath: string | null;
  /** Serialized text at the last open or save; the document is dirty when it serializes differently. */
  savedText: string;
  /** The autosaved draft this document's unsaved edits go to: new for each loaded document, or a restored one's. */
  draftId: string;
  /** Type errors of lambda fields, from the in-browser TypeScript check. */
  lambdaProblems: Problem[];
  clip: Clip | null;
  /** Bumped whenever a document is loaded, so the canvas can fit it into view. */
  loads: number;

  /** Replaces the document with an undoable step; `coalesce` merges repeated edits of one thing. */
  change(next: TopologyDocument, coalesce?: string): void;
  /**
   * A change the designer makes itself in answer to the user's last edit (a result type it inferred): part of
   * that edit's undo step, not one of its own, so one undo takes back both.
   */
  amend(next: TopologyDocument): void;
  undo(): void;
  redo(): void;
  /** Loads a document as a fresh file (clears history); `draftId` continues a restored draft. */
  load(doc: TopologyDocument, filePath: string | null, savedText?: string, draftId?: string): void;
  /** `savedText` is what was written, when the document may have changed while it was being written. */
  markSaved(filePath: string, savedText?: string): void;
  addNode(kind: string, position: { x: number; y: number }): string;
  /** Tries to add an edge; returns the refusal reason when the catalog forbids it. */
  connect(
    source: string,
    sourceHandle: string | null,
    target: string,
    targetHandle: string | null,
  ): string | null;
  updateConfig(nodeId: string, field: string, value: unknown): void;
  updateLabel(nodeId: string, label: string): void;
  moveNodes(positions: ReadonlyMap<string, { x: number; y: number }>, dragging: boolean): void;
  selectAll(): void;
  deleteSelection(): void;
  copySelection(): Clip | null;
  paste(clip?: Clip | null): void;
  duplicateSelection(): void;
  setLambdaProblems(problems: Problem[]): void;
}

/** A random draft id; `getRandomValues` works on plain-http pages too, unlike `randomUUID`. */
export const newDraftId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
const PASTE_OFFSET = { x: 40, y: 40 };

export const createDesignerStore = (initial: TopologyDocument = emptyDocument('untitled')) =>
  create<DesignerState>()((set, get) => {
    const doc = (): TopologyDocument => get().history.present;
    const change = (next: TopologyDocument, coalesce?: string): void =>
      set((s) => ({ history: record(s.history, next, coalesce ?? null) }));
    const selection = () => useSelection.getState();
    const keepSelection = (d: TopologyDocument): void =>
      selection().keep(new Set(d.nodes.map((n) => n.id)), new Set(d.edges.map((e) => e.id)));
    return {
      history: startHistory(initial),
      filePath: null,
      savedText: serializeDocument(initial),
      draftId: newDraftId(),
      lambdaProblems: [],
      clip: null,
      loads: 0,

      change,
      amend: (next) => set((s) => ({ history: { ...s.history, present: next } })),
      undo: () => {
        set((s) => ({ history: undo(s.history) }));
        keepSelection(doc());
      },
      redo: () => {
        set((s) => ({ history: redo(s.history) }));
        keepSelection(doc());
      },
      load: (d, filePath, savedText, draftId) => {
        // A focus request names a node of the document it was made for.
        useUi.getState().clearFocus();
        selection().select([]);
        set((s) => ({
          loads: s.loads + 1,
          history: startHistory(d),
          filePath,
          savedText: savedText ?? serializeDocument(d),
          draftId: draftId ?? newDraftId(),
          lambdaProblems: [],
        }));
      },
      markSaved: (filePath, savedText) =>
        set((s) => ({
          filePath,
          savedText: savedText ?? serializeDocument(s.history.present),
          history: seal(s.history),
        })),
      addNode: (kind, position) => {
        const added = addNode(doc(), kind, position);
        change(added.doc);
        selection().select([added.id]);
        return added.id;
      },
      connect: (source, sourceHandle, target, targetHandle) => {
        const result = connect(doc(), source, sourceHandle, target, targetHandle);
        if ('reason' in result) return result.reason;
        change(result.doc);
        return null;
      },
      updateConfig: (nodeId, field, value) =>
        change(updateConfig(doc(), nodeId, field, value), `config:${nodeId}:${field}`),
      updateLabel: (nodeId, label) => change(updateLabel(doc(), nodeId, label), `label:${nodeId}`),
      moveNodes: (positions, dragging) => {
        const next = moveNodes(doc(), positions);
        // One drag is one undo step: every intermediate position coalesces into it, and the drop seals it.
        const key = `move:${[...positions.keys()].sort().join(',')}`;
        set((s) => {
          const h = record(s.history, next, key);
          return { history: dragging ? h : seal(h) };
        });
      },
      selectAll: () =>
        selection().select(
          doc().nodes.map((n) => n.id),
          doc().edges.map((e) => e.id),
        ),
      deleteSelection: () => {
        const s = selection();
        const next = deleteItems(doc(), s.selectedNodes, s.selectedEdges);
        if (next === doc()) return;
        change(next);
        selection().select([]);
      },
      copySelection: () => {
        const s = selection();
        if (s.selectedNodes.size === 0) return null;
        const clip = copyNodes(doc(), s.selectedNodes);
        set({ clip });
        return clip;
      },
      paste: (clip) => {
        const c = clip ?? get().clip;
        if (!c || c.nodes.length === 0) return;
        const { doc: next, pasted } = pasteClip(doc(), c, PASTE_OFFSET);
        change(next);
        // Pasting again offsets again, so repeated pastes fan out instead of stacking.
        selection().select(pasted);
        set({ clip: copyNodes(next, new Set(pasted)) });
      },
      duplicateSelection: () => {
        const s = selection();
        if (s.selectedNodes.size === 0) return;
        const { doc: next, pasted } = pasteClip(doc(), copyNodes(doc(), s.selectedNodes), PASTE_OFFSET);
        change(next);
        selection().select(pasted);
      },
      setLambdaProblems: (lambdaProblems) => set({ lambdaProblems }),
    };
  });

export type DesignerStore = ReturnType<typeof createDesignerStore>;

/** The app's one store. */
export const useDesigner = createDesignerStore();

export const isDirty = (s: DesignerState): boolean => serializeDocument(s.history.present) !== s.savedText;
