import { CATALOG } from '../catalog/catalog.js';
import type { DocumentNode, Position } from '../schema/document.js';

/** A node that runs `code` for every record of a stream and passes it on (the catalog's `tapField` kind). */
export function tapNode(id: string, position: Position, code: string): DocumentNode {
  const spec = [...CATALOG.values()].find((s) => s.tapField !== undefined);
  if (!spec?.tapField) throw new Error('the catalog has no kind that can tap a stream');
  return { id, kind: spec.kind, position, config: { [spec.tapField]: code } };
}
