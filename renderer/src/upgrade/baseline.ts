import type { TopologyDocument } from '@topograph/document';
import type { CallInput } from '@topograph/api';
import { create } from 'zustand';

/** The deployed version a document is checked against: a saved document, or a pasted describe() text. */
export type Baseline = CallInput<'compat.check'>['baseline'];

export interface StoredBaseline {
  baseline: Baseline;
  /** Where it came from, for the panel: "saved file word-count.topology.json", "pasted describe()". */
  label: string;
  setAt: number;
}

const STORAGE_KEY = 'topograph.upgrade.baselines';

/** One baseline per document: its file path, or its name while it is untitled. */
export const baselineKey = (filePath: string | null, doc: TopologyDocument): string =>
  filePath ?? `untitled:${doc.name}`;

function readStored(storage: Storage | undefined): Record<string, StoredBaseline> {
  try {
    const v = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, StoredBaseline>) : {};
  } catch {
    // A corrupt entry is no baseline; the user sets one again.
    return {};
  }
}

interface BaselineState {
  baselines: Record<string, StoredBaseline>;
  set(key: string, baseline: Baseline, label: string): void;
  clear(key: string): void;
}

const storage = typeof window === 'undefined' ? undefined : window.localStorage;

/** Baselines survive reloads (browser storage): a deployed version stays deployed until the user says otherwise. */
export const useBaselines = create<BaselineState>()((set, get) => {
  const persist = (baselines: Record<string, StoredBaseline>) => {
    set({ baselines });
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(baselines));
    } catch {
      // Storage full or denied: the baseline still holds for this page.
    }
  };
  return {
    baselines: readStored(storage),
    set: (key, baseline, label) =>
      persist({ ...get().baselines, [key]: { baseline, label, setAt: Date.now() } }),
    clear: (key) => {
      const { [key]: _gone, ...rest } = get().baselines;
      persist(rest);
    },
  };
});
