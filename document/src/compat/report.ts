import { CLASS_LABELS, exitCodeOf, fixLabel, worstClass, type Change, type ChangeClass } from './changes.js';
import { compareFootprints } from './diff.js';
import type { Footprint } from './footprint.js';
import type { TopologyDocument } from './model.js';
import { upgradePlan, type UpgradePlan } from './plan.js';

/** The whole answer to "can this version replace the running one": changes, verdict and plan. */
export interface CompatReport {
  verdict: ChangeClass;
  /** 0 compatible, 1 state lost or records stranded, 2 incompatible (the CLI's exit code). */
  exitCode: number;
  changes: Change[];
  plan: UpgradePlan;
}

export function compatReport(
  baseline: Footprint,
  current: Footprint,
  document?: TopologyDocument,
): CompatReport {
  const changes = compareFootprints(baseline, current, document);
  return {
    verdict: worstClass(changes),
    exitCode: exitCodeOf(changes),
    changes,
    plan: upgradePlan(baseline, changes),
  };
}

const ORDER: Record<ChangeClass, number> = { incompatible: 0, 'state-lost': 1, stranded: 2, compatible: 3 };

/** The report as lines of plain text, worst changes first. */
export function formatReport(report: CompatReport): string[] {
  const lines: string[] = [];
  const sorted = [...report.changes].sort((a, b) => ORDER[a.class] - ORDER[b.class]);
  if (sorted.length === 0) lines.push('no changes to what the running application keeps');
  for (const c of sorted) {
    lines.push(`[${CLASS_LABELS[c.class]}] ${c.summary}${c.nodeId ? ` (node ${c.nodeId})` : ''}`);
    lines.push(`    ${c.consequence}`);
    if (c.fix) lines.push(`    fix: ${fixLabel(c.fix)}`);
  }
  lines.push('');
  lines.push(
    report.verdict === 'compatible'
      ? "compatible: the new version keeps the running application's state"
      : `${CLASS_LABELS[report.verdict]}: ${
          report.changes.some((c) => c.fix && c.class !== 'compatible')
            ? 'pin the old names (`--fix`), or upgrade with the reset tool:'
            : 'upgrade with the reset tool:'
        }`,
  );
  if (report.plan.needed) for (const [i, s] of report.plan.steps.entries()) lines.push(`  ${i + 1}. ${s}`);
  return lines;
}
