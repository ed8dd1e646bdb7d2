// @topograph/codegen — browser-safe part: the topology document, node catalog and validation.
// The renderer, the studio API and the host all import from here; Node-only code lives in ./node.ts.

export {
  CURRENT_VERSION,
  NODE_ID_PATTERN,
  emptyDocument,
  topologyDocumentSchema,
  storedDocumentSchema,
  documentNodeSchema,
  documentEdgeSchema,
  typeDeclarationSchema,
  settingsSchema,
  type TopologyDocument,
  type StoredDocument,
  type DocumentNode,
  type DocumentEdge,
  type TypeDeclaration,
  type DocumentSettings,
  type SampleRecord,
  type Position,
} from './model/document.js';
export { FLOW_KINDS, FLOW_LABELS, flowSerde, type FlowKind, type FlowInfo } from './model/flow.js';
export { hasErrors, type Problem, type ProblemSeverity } from './model/problem.js';
export {
  loadDocument,
  serializeDocument,
  normalizeDocumentText,
  checkDocumentShape,
  type LoadResult,
} from './model/serialize.js';
export { validateDocument, repartitionMarkers, type Validation } from './model/validate.js';
export { analyze, applicationIdOf, type Analysis } from './model/analyze.js';
export { canConnect, type ConnectResult } from './model/connect.js';
export { inferTypeDeclaration } from './model/infer-types.js';
export { inputFlowsOf, lambdaTypesOf } from './model/lambda-types.js';
export { sinkSerdes } from './model/sink-serdes.js';
export { LAMBDA_DECLARATIONS } from './catalog/lambda-env.js';
export { newNode, nextNodeId, renameNode } from './model/edit.js';
export {
  CATALOG,
  KIND_NAMES,
  getKind,
  palette,
  configFields,
  type PaletteEntry,
  type ConfigField,
} from './catalog/catalog.js';
export {
  PALETTE_GROUPS,
  type KindSpec,
  type PaletteGroup,
  type InputPort,
  type OutputPort,
  type LambdaType,
} from './catalog/spec.js';
export type { FieldEditor, FieldMeta } from './catalog/fields.js';
export { SERDES, type SerdeName } from './catalog/serdes.js';
export * from './compat/index.js';
