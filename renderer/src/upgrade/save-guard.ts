import { CLASS_LABELS } from '@topograph/document';
import type { StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { askConfirm } from '../ui/ask.js';
import { checkNow, currentBaseline, isCurrent, useUpgrade } from './check.js';

/**
 * Before a save: when the document would lose, strand or break the deployed version's state, asks whether to
 * save anyway. True when saving may go on (no baseline, nothing lost, or the user said so).
 */
export async function confirmUpgradeSafe(studio: StudioClient): Promise<boolean> {
  const baseline = currentBaseline();
  if (!baseline || !studio.host) return true;
  const present = useDesigner.getState().history.present;
  const known = useUpgrade.getState();
  const report = isCurrent(known, present, baseline) ? known.report : await checkNow(studio);
  const losing = report?.changes.filter((c) => c.class !== 'compatible') ?? [];
  if (losing.length === 0) return true;
  const shown = losing.slice(0, 3).map((c) => `${CLASS_LABELS[c.class]}: ${c.summary}`);
  return askConfirm({
    title: 'Save a version that loses state?',
    message:
      `Deployed over the baseline, this version would lose what the running application keeps — ` +
      `${shown.join('; ')}${losing.length > 3 ? `; and ${losing.length - 3} more` : ''}. ` +
      'The Upgrade panel offers fixes that keep the old names.',
    confirm: 'Save anyway',
    cancel: 'Keep editing',
    danger: true,
  });
}
