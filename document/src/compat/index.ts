// The upgrade-safety analysis, browser-safe: footprints from documents (with their describe() text) and
// describe() texts, their classified differences, fixes and the reset-tool plan. The Node-only part (footprints that need the generated code's describe()) is @topograph/codegen's compat/.
export {
  changelogTopic,
  internalTopic,
  type Footprint,
  type StoreFootprint,
  type StoreKind,
  type InternalTopic,
  type SubTopology,
} from './footprint.js';
export { footprintFromDescribe } from './describe-text.js';
export { footprintFromDocument } from './document-footprint.js';
export { compareFootprints } from './diff.js';
export {
  CHANGE_CLASSES,
  CLASS_LABELS,
  exitCodeOf,
  fixLabel,
  worstClass,
  type Change,
  type ChangeClass,
  type ChangeSubject,
  type Fix,
} from './changes.js';
export { applyFix, applyFixes } from './fix.js';
export { upgradePlan, type UpgradePlan } from './plan.js';
export { compatReport, formatReport, type CompatReport } from './report.js';
