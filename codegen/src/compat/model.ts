// The only door from the compatibility analysis into the document model and node catalog: when they move to
// their own package, these re-exports are the lines to repoint.
export type { TopologyDocument, DocumentNode } from '../model/document.js';
export type { FlowInfo } from '../model/flow.js';
export { flowSerde } from '../model/flow.js';
export { analyze, applicationIdOf } from '../model/analyze.js';
export { NODE_ID_PATTERN } from '../model/document.js';
export { renameNode } from '../model/edit.js';
export { configFields } from '../catalog/catalog.js';
