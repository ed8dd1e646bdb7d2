import { create } from 'zustand';

/** Sizes and toggles of the designer's panels: UI preferences, kept in localStorage, never in the document. */
export interface LayoutPrefs {
  /** Width of the inspector column, px. */
  inspectorWidth: number;
  /** Height of the Problems/Code/Test data panel when open, px. */
  bottomHeight: number;
  /** Height of the Run dock when open, px. */
  dockHeight: number;
  /** Whether the Problems/Code/Test data panel shows its body (its tabs always show). */
  bottomOpen: boolean;
  minimap: boolean;
}

export interface LayoutState extends LayoutPrefs {
  /** The Problems tab was chosen while it has no problems: show its notes anyway (not remembered). */
  peekProblems: boolean;
  /** Bumped when the canvas' room changed in a way that should bring the topology back into view. */
  refits: number;
  set(prefs: Partial<LayoutPrefs>): void;
  requestRefit(): void;
}

export const LAYOUT_KEY = 'topograph.layout';

export const DEFAULT_LAYOUT: LayoutPrefs = {
  inspectorWidth: 310,
  bottomHeight: 320,
  dockHeight: 300,
  bottomOpen: true,
  minimap: true,
};

/** Limits a drag can reach; the canvas always keeps some room. */
export const LIMITS = {
  inspectorWidth: { min: 240, max: 720 },
  bottomHeight: { min: 120, max: 900 },
  dockHeight: { min: 140, max: 900 },
} as const;

const clamp = (v: number, { min, max }: { min: number; max: number }): number =>
  Math.round(Math.min(max, Math.max(min, v)));

/** Prefs read back from storage: anything missing, mistyped or out of range falls back to the default. */
export function readLayout(text: string | null): LayoutPrefs {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = text === null ? {} : JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // a hand-edited or truncated value: start from the defaults
  }
  const size = (k: keyof typeof LIMITS): number =>
    typeof raw[k] === 'number' && Number.isFinite(raw[k]) ? clamp(raw[k], LIMITS[k]) : DEFAULT_LAYOUT[k];
  const flag = (k: 'bottomOpen' | 'minimap'): boolean =>
    typeof raw[k] === 'boolean' ? raw[k] : DEFAULT_LAYOUT[k];
  return {
    inspectorWidth: size('inspectorWidth'),
    bottomHeight: size('bottomHeight'),
    dockHeight: size('dockHeight'),
    bottomOpen: flag('bottomOpen'),
    minimap: flag('minimap'),
  };
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const useLayout = create<LayoutState>()((set, get) => ({
  ...readLayout(storage()?.getItem(LAYOUT_KEY) ?? null),
  refits: 0,
  peekProblems: false,
  set: (prefs) => {
    set(prefs);
    const { inspectorWidth, bottomHeight, dockHeight, bottomOpen, minimap } = get();
    try {
      storage()?.setItem(
        LAYOUT_KEY,
        JSON.stringify({ inspectorWidth, bottomHeight, dockHeight, bottomOpen, minimap }),
      );
    } catch {
      // storage full or disabled: the sizes still apply for this page
    }
  },
  requestRefit: () => set((s) => ({ refits: s.refits + 1 })),
}));
