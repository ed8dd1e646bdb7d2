// Every kind's cases, for the tests that run them all (codegen's end-to-end kind test, the parser round trip).
import type { KindCase } from './kind-case.js';
import { sourcesCases } from '../catalog/kinds/sources.cases.js';
import { statelessCases } from '../catalog/kinds/stateless.cases.js';
import { customCases } from '../catalog/kinds/custom.cases.js';
import { statefulCases } from '../catalog/kinds/stateful.cases.js';
import { windowsCases } from '../catalog/kinds/windows.cases.js';
import { joinsCases } from '../catalog/kinds/joins.cases.js';
import { foreignKeyJoinCases } from '../catalog/kinds/foreign-key-join.cases.js';

export * from './kind-case.js';

export const KIND_CASES: KindCase[] = [
  ...sourcesCases,
  ...statelessCases,
  ...customCases,
  ...statefulCases,
  ...windowsCases,
  ...joinsCases,
  ...foreignKeyJoinCases,
];
