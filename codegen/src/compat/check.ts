// Node-only: the studio's compatibility check of the document on the canvas against its deployed baseline.
import { documentFootprint } from './describe-document.js';
import {
  applicationIdOf,
  type TopologyDocument,
  footprintFromDescribe,
  compatReport,
  type CompatReport,
} from '@topograph/document';

/** The deployed version: a document (a saved file), or the describe() text of the running application. */
export type Baseline =
  | { kind: 'document'; document: TopologyDocument }
  | { kind: 'describe'; text: string; applicationId?: string | undefined };

/** A describe() baseline without an application id is taken to run under the current document's. */
export async function checkCompat(baseline: Baseline, current: TopologyDocument): Promise<CompatReport> {
  const before =
    baseline.kind === 'document'
      ? await documentFootprint(baseline.document)
      : footprintFromDescribe(baseline.text, baseline.applicationId ?? applicationIdOf(current));
  return compatReport(before, await documentFootprint(current), current);
}
