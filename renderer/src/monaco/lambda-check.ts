import type { Problem, TopologyDocument } from '@topograph/document';
import { lambdaFields, lambdaSources, type LambdaRef } from './lambda-fields.js';
import { lambdaSnippet } from './lambda-wrapper.js';
import type { Monaco } from './setup.js';

type Model = ReturnType<Monaco['editor']['createModel']>;

export type { LambdaRef };

export const lambdaUri = (monaco: Monaco, ref: LambdaRef) =>
  monaco.Uri.parse(`file:///lambdas/${encodeURIComponent(ref.nodeId)}/${encodeURIComponent(ref.field)}.ts`);

/**
 * Where a lambda is checked on its own: not the model its editor shows, which follows the user's typing and
 * must never be set back to the text of the document a check started from.
 */
const CHECK_DIR = '/lambda-check/';
const checkUri = (monaco: Monaco, ref: LambdaRef) =>
  monaco.Uri.parse(
    `file://${CHECK_DIR}${encodeURIComponent(ref.nodeId)}/${encodeURIComponent(ref.field)}.ts`,
  );

/** Creates or updates the model of a lambda (the editor shares it, so its squiggles match Problems). */
export function syncLambdaModel(monaco: Monaco, doc: TopologyDocument, ref: LambdaRef, code: string): Model {
  const { prefix, suffix } = lambdaSnippet(doc, ref.nodeId, ref.field);
  return modelWith(monaco, lambdaUri(monaco, ref), prefix + code + suffix);
}

/** The TypeScript model at `uri`, created or updated to hold `text`. */
export function modelWith(monaco: Monaco, uri: ReturnType<Monaco['Uri']['parse']>, text: string): Model {
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

/** A lambda to check: its snippet and where its code sits in it. */
interface Pending {
  ref: LambdaRef;
  uri: string;
  text: string;
  start: number;
  end: number;
}

/**
 * Errors of each lambda by the snippet text they were computed from. A snippet is self-contained (it declares
 * the types it uses), so its errors change only when its text does: moving nodes re-checks nothing and editing
 * one lambda re-checks that one.
 */
const checked = new Map<string, { text: string; problems: Problem[] }>();

// Outside /lambdas/ so it is not taken for a deleted lambda's model; kept and reused for the same reason as those.
const BATCH_URI = 'file:///lambda-batch.ts';

/**
 * Type-checks every lambda of the document in Monaco's TypeScript worker and returns the errors pinned to the
 * node, field and position inside the lambda.
 *
 * Lambdas not checked before go to the worker together, each snippet in its own block of one file: one request
 * per batch instead of two per lambda (400 lambdas took 18 s one by one, about a second together). A syntax
 * error could spill into the next block, so a batch with any is checked lambda by lambda instead.
 */
export function checkLambdas(monaco: Monaco, doc: TopologyDocument): Promise<Problem[]> {
  // One check at a time: they share the batch model and the cache.
  const run = queue.then(() => checkNow(monaco, doc));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function checkNow(monaco: Monaco, doc: TopologyDocument): Promise<Problem[]> {
  const all: Pending[] = lambdaSources(doc).map((l) => ({ ...l, uri: checkUri(monaco, l.ref).toString() }));
  // An empty lambda is not checked, but its model stays: an editor may show it.
  const live = new Set(lambdaFields(doc).map((f) => lambdaUri(monaco, f).toString()));
  // A deleted lambda's models are emptied, not disposed: one recreated under its URI (undo) would start again at
  // version 1, and the worker, which caches files by URI and version, would answer with the old text's errors.
  const checkedNow = new Set(all.map((l) => l.uri));
  for (const m of monaco.editor.getModels()) {
    const uri = m.uri.toString();
    const dead = m.uri.path.startsWith('/lambdas/')
      ? !live.has(uri)
      : m.uri.path.startsWith(CHECK_DIR) && !checkedNow.has(uri);
    if (dead && m.getValue() !== '') m.setValue('');
  }
  for (const uri of checked.keys()) if (!checkedNow.has(uri)) checked.delete(uri);
  const pending = all.filter((l) => checked.get(l.uri)?.text !== l.text);
  if (pending.length > 1 && (await checkBatch(monaco, pending))) return problemsOf(all);
  for (const l of pending) await checkAlone(monaco, l);
  return problemsOf(all);
}

const problemsOf = (lambdas: Pending[]): Problem[] =>
  lambdas.flatMap((l) => checked.get(l.uri)?.problems ?? []);

/** Checks lambdas in one file; false (nothing recorded) when the file has a syntax error. */
async function checkBatch(monaco: Monaco, lambdas: Pending[]): Promise<boolean> {
  let text = '';
  const placed = lambdas.map((l) => {
    text += '{\n';
    const at = text.length;
    text += l.text.replace(/\nexport \{\};\n$/, '\n') + '}\n';
    return { lambda: l, from: at, to: text.length, start: at + l.start, end: at + l.end };
  });
  text += 'export {};\n';
  const uri = monaco.Uri.parse(BATCH_URI);
  const model = modelWith(monaco, uri, text);
  // Monaco registers its TypeScript support only once a TypeScript model exists, so ask after creating one.
  const worker = await (await typeScriptWorker(monaco))(uri);
  if (((await worker.getSyntacticDiagnostics(BATCH_URI)) as TsDiagnostic[]).length > 0) return false;
  const diags = (await worker.getSemanticDiagnostics(BATCH_URI)) as TsDiagnostic[];
  const byLambda = new Map<Pending, Problem[]>(lambdas.map((l) => [l, []]));
  for (const d of diags) {
    const at = d.start ?? 0;
    const p = placed.find((x) => at >= x.from && at < x.to) ?? placed[0];
    if (p) byLambda.get(p.lambda)?.push(problemAt(model, p.lambda.ref, d, p.start, p.end));
  }
  for (const [l, problems] of byLambda) checked.set(l.uri, { text: l.text, problems });
  return true;
}

/** Checks one lambda in a model of its own. */
async function checkAlone(monaco: Monaco, l: Pending): Promise<void> {
  const uri = monaco.Uri.parse(l.uri);
  const model = modelWith(monaco, uri, l.text);
  const worker = await (await typeScriptWorker(monaco))(uri);
  const diags = [
    ...((await worker.getSyntacticDiagnostics(l.uri)) as TsDiagnostic[]),
    ...((await worker.getSemanticDiagnostics(l.uri)) as TsDiagnostic[]),
  ];
  // A later check may have changed the model while the worker answered; record only what the answer is about.
  if (model.isDisposed() || model.getValue() !== l.text) return;
  checked.set(l.uri, {
    text: l.text,
    problems: diags.map((d) => problemAt(model, l.ref, d, l.start, l.end)),
  });
}

/** A diagnostic as a problem of the lambda whose code spans [start, end) of the model. */
function problemAt(model: Model, ref: LambdaRef, d: TsDiagnostic, start: number, end: number): Problem {
  // Errors outside the lambda come from a wrong type declaration; report them at the lambda's start.
  const inside = Math.min(Math.max(d.start ?? start, start), end);
  const pos = model.getPositionAt(inside);
  const first = model.getPositionAt(start);
  return {
    severity: 'error',
    code: 'lambda.type',
    message: flatten(d.messageText),
    nodeId: ref.nodeId,
    field: ref.field,
    line: pos.lineNumber - first.lineNumber + 1,
    column: pos.lineNumber === first.lineNumber ? pos.column - first.column + 1 : pos.column,
  };
}

/**
 * Monaco registers its TypeScript mode asynchronously once the first TypeScript model exists, and until then
 * `getTypeScriptWorker` rejects with "TypeScript not registered!". The first check of a page races that
 * registration, so wait for it (a few seconds at most) instead of reporting a failure.
 */
export async function typeScriptWorker(monaco: Monaco, attempts = 50, delayMs = 100) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await monaco.typescript.getTypeScriptWorker();
    } catch (e) {
      if (attempt >= attempts || !String(e).includes('not registered')) throw e;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
