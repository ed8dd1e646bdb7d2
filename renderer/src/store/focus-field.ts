import { useSelection } from './selection.js';
import { useUi } from './ui.js';

/**
 * Selects a node and asks the inspector to focus one of its fields (none: just select it). Selection first, so
 * whatever reacts to the focus request already sees the node selected.
 */
export function focusField(nodeId: string, field: string | undefined): void {
  useSelection.getState().select([nodeId]);
  useUi.getState().setFocus(nodeId, field);
}
