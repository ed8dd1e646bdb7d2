import type { CompatReport, TopologyDocument } from '@topograph/document';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { baselineKey, useBaselines, type StoredBaseline } from './baseline.js';

/** The last compatibility report, for the document and baseline it was computed from. */
export interface UpgradeState {
  doc: TopologyDocument | null;
  baseline: StoredBaseline | null;
  report: CompatReport | null;
  error: string | null;
}

export const useUpgrade = create<UpgradeState>()(() => ({
  doc: null,
  baseline: null,
  report: null,
  error: null,
}));

/** Whether the report is the one of this document against this baseline (not of an earlier edit or baseline). */
export const isCurrent = (s: UpgradeState, doc: TopologyDocument, baseline: StoredBaseline | null): boolean =>
  s.report !== null && s.doc === doc && s.baseline === baseline;

/** The baseline of the open document, if one is set. */
export function currentBaseline(): StoredBaseline | null {
  const s = useDesigner.getState();
  return useBaselines.getState().baselines[baselineKey(s.filePath, s.history.present)] ?? null;
}

export function useCurrentBaseline(): StoredBaseline | null {
  const key = useDesigner((s) => baselineKey(s.filePath, s.history.present));
  return useBaselines((s) => s.baselines[key] ?? null);
}

let run = 0;

/** Checks the open document against its baseline now; resolves to the report (null without a baseline). */
export async function checkNow(studio: StudioClient): Promise<CompatReport | null> {
  const baseline = currentBaseline();
  const doc = useDesigner.getState().history.present;
  const host = studio.host;
  const mine = ++run;
  if (!baseline || !host) {
    useUpgrade.setState({ doc, baseline, report: null, error: null });
    return null;
  }
  try {
    const report = await host.call('compat.check', { baseline: baseline.baseline, current: doc });
    // A newer check started meanwhile: its result wins.
    if (mine === run) useUpgrade.setState({ doc, baseline, report, error: null });
    return report;
  } catch (e) {
    if (mine === run)
      useUpgrade.setState({ doc, baseline, report: null, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

/** Checks the document against its baseline shortly after each edit, and at once when the baseline changes. */
export function useUpgradeCheck(studio: StudioClient, delayMs = 500): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    void checkNow(studio);
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void checkNow(studio), delayMs);
    };
    const offDoc = useDesigner.subscribe((s, prev) => {
      if (s.history.present !== prev.history.present || s.filePath !== prev.filePath) later();
    });
    const offBaseline = useBaselines.subscribe((s, prev) => {
      if (s.baselines !== prev.baselines) void checkNow(studio);
    });
    return () => {
      clearTimeout(timer);
      offDoc();
      offBaseline();
    };
  }, [studio, delayMs]);
}
