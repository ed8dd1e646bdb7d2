import { create } from 'zustand';

export type Dialog = 'open' | 'import' | 'commands' | 'help' | null;
export type BottomTab = 'problems' | 'code' | 'samples' | 'upgrade';
export type Theme = 'light' | 'dark';

/** A field the problems panel asked the inspector to focus. */
export interface FieldFocus {
  nodeId: string;
  field: string;
  /** Bumped on every request so focusing the same field twice still triggers. */
  seq: number;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  seq: number;
}

/** View state that is not part of the document (never undone, never saved). */
export interface UiState {
  dialog: Dialog;
  bottom: BottomTab;
  theme: Theme;
  notice: Notice | null;
  focus: FieldFocus | null;
  setDialog(d: Dialog): void;
  setBottom(t: BottomTab): void;
  setTheme(theme: Theme): void;
  notify(kind: Notice['kind'], text: string): void;
  /** Asks the inspector to focus `field` of `nodeId` (select the node first: see focus-field.ts); none clears it. */
  setFocus(nodeId: string, field: string | undefined): void;
  clearFocus(): void;
}

let seq = 0;

const initialTheme = (): Theme => {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('topograph.theme');
  return stored === 'dark' ? 'dark' : 'light';
};

export const useUi = create<UiState>()((set) => ({
  dialog: null,
  bottom: 'problems',
  theme: initialTheme(),
  notice: null,
  focus: null,
  setDialog: (dialog) => set({ dialog }),
  setBottom: (bottom) => set({ bottom }),
  setTheme: (theme) => {
    localStorage.setItem('topograph.theme', theme);
    set({ theme });
  },
  notify: (kind, text) => set({ notice: { kind, text, seq: ++seq } }),
  setFocus: (nodeId, field) => set({ focus: field === undefined ? null : { nodeId, field, seq: ++seq } }),
  clearFocus: () => set({ focus: null }),
}));

/** Shorthand for the many places that only report something to the user. */
export const notify = (kind: Notice['kind'], text: string): void => useUi.getState().notify(kind, text);
