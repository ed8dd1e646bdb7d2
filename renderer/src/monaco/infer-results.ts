import { analyze, type TopologyDocument } from '@topograph/document';
import { modelWith, typeScriptWorker } from './lambda-check.js';
import { inferable, inferenceSnippet, readInferred, resultKey, type ResultTarget } from './result-types.js';
import type { Monaco } from './setup.js';

const INFER_DIR = '/lambda-infer/';

interface QuickInfo {
  displayParts?: Array<{ text: string }>;
}

/**
 * The return type TypeScript infers for each result type the designer may fill in (`inferable`), from the
 * flows into the node: in Monaco's TypeScript worker, as the lambda check. A lambda with errors of its own is
 * left out (what it returns is not what the user means yet); the check's errors are no guide, as they compare
 * the lambda with the very result type being inferred.
 */
export async function inferResultTypes(
  monaco: Monaco,
  doc: TopologyDocument,
  inferred: ReadonlyMap<string, string>,
): Promise<Array<{ target: ResultTarget; type: string; code: string }>> {
  const targets = inferable(doc, inferred);
  if (targets.length === 0) return [];
  const analysis = analyze(doc);
  const out: Array<{ target: ResultTarget; type: string; code: string }> = [];
  for (const target of targets) {
    const snippet = inferenceSnippet(doc, target, analysis);
    if (!snippet) continue;
    const uri = monaco.Uri.parse(
      `file://${INFER_DIR}${encodeURIComponent(target.nodeId)}/${encodeURIComponent(target.field)}.ts`,
    );
    // Kept for the page's life, as the check's models: the worker caches files by URI and version.
    modelWith(monaco, uri, snippet.text);
    const worker = await (await typeScriptWorker(monaco))(uri);
    const file = uri.toString();
    const errors =
      ((await worker.getSyntacticDiagnostics(file)) as unknown[]).length +
      ((await worker.getSemanticDiagnostics(file)) as unknown[]).length;
    if (errors > 0) continue;
    const info = (await worker.getQuickInfoAtPosition(file, snippet.at)) as QuickInfo | undefined;
    const type = readInferred((info?.displayParts ?? []).map((p) => p.text).join(''));
    const code = doc.nodes.find((n) => n.id === target.nodeId)?.config[target.lambda];
    if (type !== null && typeof code === 'string') out.push({ target, type, code });
  }
  return out;
}

export { resultKey };
