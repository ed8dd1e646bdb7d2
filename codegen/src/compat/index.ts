// Node-only part of the analysis: footprints of documents and code need their describe(), which needs the
// generator and the runtime.
export { describeCode, describeDocument, documentFootprint, fixDocument } from './describe-document.js';
export { readVersion, formatOf, type Version, type VersionFormat } from './versions.js';
export { checkCompat, type Baseline } from './check.js';
