// The compatibility analysis' one door into the document model and catalog (the layers below it).
export type { TopologyDocument, DocumentNode } from '../schema/document.js';
export { NODE_ID_PATTERN } from '../schema/document.js';
export type { FlowInfo } from '../schema/flow.js';
export { flowSerde } from '../schema/flow.js';
export { analyze, applicationIdOf } from '../analysis/analyze.js';
export { renameNode } from '../edit/edit.js';
export { configFields } from '../catalog/catalog.js';
