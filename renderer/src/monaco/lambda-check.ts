import { configFields, getKind, type Problem, type TopologyDocument } from '@topograph/codegen';
import { lambdaSnippet } from './lambda-wrapper.js';
import type { Monaco } from './setup.js';

type Model = ReturnType<Monaco['editor']['createModel']>;

/** One lambda field of one node. */
export interface LambdaRef {
  nodeId: string;
  field: string;
  signature: string;
}

export const lambdaUri = (monaco: Monaco, ref: { nodeId: string; field: string }) =>
  monaco.Uri.parse(`file:///lambdas/${encodeURIComponent(ref.nodeId)}/${encodeURIComponent(ref.field)}.ts`);

/** Every code field of the document that holds text. */
export function lambdaFields(doc: TopologyDocument): Array<LambdaRef & { code: string }> {
  const out: Array<LambdaRef & { code: string }> = [];
  for (const n of doc.nodes) {
    if (!getKind(n.kind)) continue;
    for (const f of configFields(n.kind)) {
      const code = n.config[f.name];
      if (f.editor === 'code' && typeof code === 'string' && code.trim() !== '')
        out.push({ nodeId: n.id, field: f.name, signature: f.signature ?? '()', code });
    }
  }
  return out;
}

/** Creates or updates the model of a lambda (the editor shares it, so its squiggles match Problems). */
export function syncLambdaModel(monaco: Monaco, doc: TopologyDocument, ref: LambdaRef, code: string): Model {
  const { prefix, suffix } = lambdaSnippet(doc, ref.nodeId, ref.field, ref.signature);
  const text = prefix + code + suffix;
  const uri = lambdaUri(monaco, ref);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'typescript', uri);
  if (model.getValue() !== text) model.setValue(text);
  return model;
}

interface TsDiagnostic {
  start?: number;
  length?: number;
  messageText: string | { messageText: string; next?: unknown[] };
}

const flatten = (m: TsDiagnostic['messageText']): string => (typeof m === 'string' ? m : m.messageText);

/**
 * Type-checks every lambda of the document in Monaco's TypeScript worker and returns the errors pinned to the
 * node, field and position inside the lambda. Models of lambdas that no longer exist are disposed.
 */
export async function checkLambdas(monaco: Monaco, doc: TopologyDocument): Promise<Problem[]> {
  const refs = lambdaFields(doc);
  const live = new Set<string>();
  const models = refs.map((r) => {
    const model = syncLambdaModel(monaco, doc, r, r.code);
    live.add(model.uri.toString());
    const { prefix } = lambdaSnippet(doc, r.nodeId, r.field, r.signature);
    return { ref: r, model, start: prefix.length, end: prefix.length + r.code.length };
  });
  for (const m of monaco.editor.getModels())
    if (m.uri.path.startsWith('/lambdas/') && !live.has(m.uri.toString())) m.dispose();
  if (models.length === 0) return [];
  const getWorker = await typeScriptWorker(monaco);
  const problems: Problem[] = [];
  for (const { ref, model, start, end } of models) {
    if (model.isDisposed()) continue;
    const worker = await getWorker(model.uri);
    const uri = model.uri.toString();
    const diags = [
      ...((await worker.getSyntacticDiagnostics(uri)) as TsDiagnostic[]),
      ...((await worker.getSemanticDiagnostics(uri)) as TsDiagnostic[]),
    ];
    for (const d of diags) {
      const at = d.start ?? start;
      // Errors outside the lambda come from a wrong type declaration; report them at the lambda's start.
      const inside = Math.min(Math.max(at, start), end);
      const pos = model.getPositionAt(inside);
      const first = model.getPositionAt(start);
      problems.push({
        severity: 'error',
        code: 'lambda.type',
        message: flatten(d.messageText),
        nodeId: ref.nodeId,
        field: ref.field,
        line: pos.lineNumber - first.lineNumber + 1,
        column: pos.lineNumber === first.lineNumber ? pos.column - first.column + 1 : pos.column,
      });
    }
  }
  return problems;
}

/**
 * Monaco registers its TypeScript mode asynchronously once the first TypeScript model exists, and until then
 * `getTypeScriptWorker` rejects with "TypeScript not registered!". The first check of a page races that
 * registration, so wait for it (a few seconds at most) instead of reporting a failure.
 */
async function typeScriptWorker(monaco: Monaco, attempts = 50, delayMs = 100) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await monaco.typescript.getTypeScriptWorker();
    } catch (e) {
      if (attempt >= attempts || !String(e).includes('not registered')) throw e;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
