import { create } from 'zustand';

export type Dialog = 'open' | 'import' | 'commands' | 'help' | null;
export type BottomTab = 'problems' | 'code' | 'samples' | 'upgrade';

/** View state that is not part of the document (never undone, never saved). */
export interface UiState {
  dialog: Dialog;
  bottom: BottomTab;
  setDialog(d: Dialog): void;
  setBottom(t: BottomTab): void;
}

export const useUi = create<UiState>()((set) => ({
  dialog: null,
  bottom: 'problems',
  setDialog: (dialog) => set({ dialog }),
  setBottom: (bottom) => set({ bottom }),
}));
