import { CLASS_LABELS } from '@topograph/document';
import { useNodeUpgradeWarnings } from './badges.js';

/** The warning on a node whose change loses, strands or breaks the deployed version's state. */
export function NodeUpgradeBadge({ nodeId }: { nodeId: string }) {
  const warnings = useNodeUpgradeWarnings(nodeId);
  if (warnings.length === 0) return null;
  const worst = warnings.some((c) => c.class === 'incompatible') ? 'incompatible' : 'losing';
  return (
    <span
      className={`node-badge upgrade ${worst}`}
      title={warnings.map((c) => `${CLASS_LABELS[c.class]}: ${c.summary}`).join('\n')}
      data-testid="upgrade-badge"
    >
      ⚠
    </span>
  );
}
