import { renameNode, type TopologyDocument } from './model.js';
import type { Change, Fix } from './changes.js';

/** The document with one fix applied: it keeps the baseline's name. */
export function applyFix(doc: TopologyDocument, fix: Fix): TopologyDocument {
  switch (fix.kind) {
    case 'pin-store-name':
      return {
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === fix.nodeId ? { ...n, config: { ...n.config, storeName: fix.storeName } } : n,
        ),
      };
    case 'keep-node-id': {
      const r = renameNode(doc, fix.nodeId, fix.id);
      if ('error' in r) throw new Error(`cannot rename "${fix.nodeId}" back to "${fix.id}": ${r.error}`);
      return r.document;
    }
    case 'pin-application-id':
      return { ...doc, settings: { ...doc.settings, applicationId: fix.applicationId } };
  }
}

/** The document with every offered fix applied, in order. */
export function applyFixes(doc: TopologyDocument, changes: readonly Change[]): TopologyDocument {
  return changes.reduce((d, c) => (c.fix ? applyFix(d, c.fix) : d), doc);
}
