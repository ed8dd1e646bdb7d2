import type { Change, CompatReport } from '@topograph/document';
import { useDesigner } from '../store/store.js';
import { isCurrent, useCurrentBaseline, useUpgrade } from './check.js';

const byReport = new WeakMap<CompatReport, Map<string, Change[]>>();

/**
 * The changes that lose, strand or break state, by the node of the current version they are about. Cached
 * per report, so every node card reading it gets the same arrays back (store selectors must be stable).
 */
export function warningsByNode(report: CompatReport): Map<string, Change[]> {
  const cached = byReport.get(report);
  if (cached) return cached;
  const out = new Map<string, Change[]>();
  for (const c of report.changes)
    if (c.class !== 'compatible' && c.nodeId !== undefined)
      out.set(c.nodeId, [...(out.get(c.nodeId) ?? []), c]);
  byReport.set(report, out);
  return out;
}

const NONE: Change[] = [];

/** A node's upgrade warnings, while the report is the open document's (a stale one shows nothing). */
export function useNodeUpgradeWarnings(nodeId: string): Change[] {
  const present = useDesigner((s) => s.history.present);
  const baseline = useCurrentBaseline();
  return useUpgrade((s) =>
    isCurrent(s, present, baseline) && s.report ? (warningsByNode(s.report).get(nodeId) ?? NONE) : NONE,
  );
}

/** How many changes of the current report lose, strand or break state (the Upgrade tab's count). */
export function useUpgradeWarningCount(): number {
  const present = useDesigner((s) => s.history.present);
  const baseline = useCurrentBaseline();
  return useUpgrade((s) =>
    isCurrent(s, present, baseline) && s.report
      ? s.report.changes.filter((c) => c.class !== 'compatible').length
      : 0,
  );
}
