// @topograph/document/testing — document builders for tests (codegen's and the renderer's).
export * from './documents.js';
export * from './random-documents.js';
export * from './kind-cases.js';
