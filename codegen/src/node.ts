// @topograph/codegen/node — Node-only: the ts-morph generator and type-checker, the parser, the exporter.
export * from './index.js';
export {
  generate,
  TOPOLOGY_FILE,
  PRETTIER_OPTIONS,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedFile,
} from './generator/generate.js';
export { warmUpTypeChecker } from './generator/type-check.js';
export { parse, type ParseOptions, type ParseResult } from './parser/parse.js';
export { reimport } from './parser/reimport.js';
export { exportProject, type ExportResult } from './export/export-project.js';
export { runTopology, type RunResult, type OutputRecord } from './export/run-topology.js';
export * from './compat/node.js';
