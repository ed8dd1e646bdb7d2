// @topograph/document — the topology document, browser-safe: schema, migrations and serialization, the node
// catalog with every kind entry, validation, connection rules and edit operations. Node-only code (generator,
// parser, exporter) is @topograph/codegen's.

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
} from './schema/document.js';
export { FLOW_KINDS, FLOW_LABELS, flowSerde, type FlowKind, type FlowInfo } from './schema/flow.js';
export { hasErrors, type Problem, type ProblemSeverity } from './schema/problem.js';
export {
  loadDocument,
  serializeDocument,
  normalizeDocumentText,
  checkDocumentShape,
  type LoadResult,
} from './io/serialize.js';
export { validateDocument, repartitionMarkers, type Validation } from './analysis/validate.js';
export { analyze, applicationIdOf, type Analysis } from './analysis/analyze.js';
export { canConnect, type ConnectResult } from './analysis/connect.js';
export { outputPortsOf, sourceHandleOf, targetHandleOf } from './kind/ports.js';
export { inferTypeDeclaration } from './schema/infer-types.js';
export { inputFlowsOf, lambdaTypesOf } from './analysis/lambda-types.js';
export { sinkSerdes } from './analysis/sink-serdes.js';
export { topics, type Topics, type TopicEndpoint } from './analysis/topics.js';
export { LAMBDA_DECLARATIONS } from './kind/lambda-env.js';
export { newNode, nextNodeId, renameNode } from './edit/edit.js';
export { addNode, connect, updateConfig, updateLabel, moveNodes } from './edit/operations.js';
export { copyNodes, pasteClip, deleteItems, type Clip } from './edit/fragment.js';
export { nextEdgeId, numberedEdgeId, freeNumberedEdgeId } from './edit/edge-ids.js';
export { tapNode } from './edit/tap.js';
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
  type OutputMap,
  type ExtraName,
} from './kind/spec.js';
export type { FieldEditor, FieldMeta } from './kind/fields.js';
export { SERDES, type SerdeName } from './kind/serdes.js';
// The code model kinds emit and recognise, for the generator and parser in @topograph/codegen.
export { renderExpr, renderCalls, type Call, type Expr } from './kind/expr.js';
export { serdeExpr } from './kind/serdes.js';
export { isError } from './kind/common.js';
export {
  importDescribe,
  parseDescribe,
  DescribeParseError,
  TODO_MARK,
  type DescribeImport,
  type DescribedProcessor,
} from './import/describe.js';
export * from './compat/index.js';
