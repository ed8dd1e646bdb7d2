import { serializeDocument, type Problem, type TopologyDocument } from '@topograph/document';
import { create } from 'zustand';
import type { CallResult } from '@topograph/api';
import { useDesigner } from '../store/store.js';
import { notify } from '../store/ui.js';

/**
 * Code being edited for re-import. It lives outside the code panel so switching tabs, or a re-import the parser
 * refuses, never throws the user's edit away.
 */
export interface CodeDraft {
  /** The edited text; null when not editing. */
  text: string | null;
  /** The document the code was generated from: the parser reads the edit over it. */
  base: TopologyDocument | null;
  /** What the parser could not read in the last attempt, with line and column. */
  problems: Problem[];
  busy: boolean;
  begin(code: string, base: TopologyDocument): void;
  edit(text: string): void;
  cancel(): void;
}

export const useCodeDraft = create<CodeDraft>()((set) => ({
  text: null,
  base: null,
  problems: [],
  busy: false,
  begin: (text, base) => set({ text, base, problems: [], busy: false }),
  edit: (text) => set({ text }),
  cancel: () => set({ text: null, base: null, problems: [], busy: false }),
}));

/** The host's `codegen.parse` of code over the document it was generated from. */
export type ParseCode = (source: string, base: TopologyDocument) => Promise<CallResult<'codegen.parse'>>;

/**
 * Parses the draft over the document it came from and, when the parser read all of it, puts the result on the
 * canvas as one undoable step. Anything unreadable leaves the canvas as it was and the draft in the editor, with
 * the problems listed. Returns whether the draft was imported.
 */
export async function reimportDraft(parse: ParseCode): Promise<boolean> {
  const draft = useCodeDraft.getState();
  const designer = useDesigner.getState();
  if (draft.text === null || draft.base === null || draft.busy) return false;
  const text = draft.text;
  useCodeDraft.setState({ busy: true });
  try {
    const { document, problems } = await parse(text, draft.base);
    const errors = problems.filter((p) => p.severity === 'error');
    if (!document || errors.length > 0) {
      useCodeDraft.setState({ problems, busy: false });
      notify(
        'error',
        `Not re-imported: the code has ${errors.length} problem${errors.length === 1 ? '' : 's'}; the canvas is unchanged`,
      );
      return false;
    }
    // Typing after pressing re-import would otherwise be lost with the closed editor.
    if (useCodeDraft.getState().text !== text) {
      useCodeDraft.setState({ busy: false });
      return false;
    }
    const current = useDesigner.getState().history.present;
    useCodeDraft.getState().cancel();
    if (serializeDocument(document) === serializeDocument(current)) {
      notify('info', 'The code matches the canvas: nothing to re-import');
      return true;
    }
    designer.change(document);
    notify('info', 'Re-imported the code into the canvas (Ctrl+Z undoes it)');
    return true;
  } catch (e) {
    useCodeDraft.setState({ busy: false });
    notify('error', `Re-import failed: ${(e as Error).message}`);
    return false;
  }
}
