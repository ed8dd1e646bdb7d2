// @topograph/codegen — Node-only: the ts-morph generator and type-checker, the parser, the exporter. The
// document they read and write is @topograph/document's (browser-safe), imported from there.
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
export {
  recordedTest,
  RecordedTestError,
  type RecordedTestOptions,
  type RecordedValue,
} from './testgen/recorded-test.js';
export * from './compat/index.js';
