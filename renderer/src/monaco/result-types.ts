import { analyze, lambdaTypesOf, type Analysis, type TopologyDocument } from '@topograph/document';
import { snippetDeclarations } from './lambda-wrapper.js';

/**
 * A result type the designer infers instead of leaving it `unknown`: the type field a lambda's result is
 * declared in (a join's `valueType`, the joiner's result), while the user has not written one of their own.
 */
export interface ResultTarget {
  nodeId: string;
  lambda: string;
  field: string;
}

/** The lambda whose result each inferable type field declares. */
const RESULT_OF: Readonly<Record<string, string>> = { valueType: 'joiner' };

/** The value a kind's default leaves a result type at: nothing is known about the result yet. */
export const UNSET = 'unknown';

/** `nodeId:field`, for the result types the designer filled in itself (see `inferable`). */
export const resultKey = (t: Pick<ResultTarget, 'nodeId' | 'field'>): string => `${t.nodeId}:${t.field}`;

/**
 * The result types to infer: those still `unknown`, and those holding exactly what was inferred for them
 * before (`inferred`, by `resultKey`), which follow their lambda as it changes. A type the user typed is theirs.
 */
export function inferable(doc: TopologyDocument, inferred: ReadonlyMap<string, string>): ResultTarget[] {
  const out: ResultTarget[] = [];
  for (const n of doc.nodes)
    for (const [field, lambda] of Object.entries(RESULT_OF)) {
      const value = n.config[field];
      const code = n.config[lambda];
      if (typeof code !== 'string' || code.trim() === '' || typeof value !== 'string') continue;
      const target = { nodeId: n.id, lambda, field };
      if (value === UNSET || inferred.get(resultKey(target)) === value) out.push(target);
    }
  return out;
}

/** Where the inferred type is read: the hover text of `__result`, which is typed by the lambda's return. */
export interface InferenceSnippet {
  text: string;
  /** Offset of the `__result` identifier. */
  at: number;
}

/**
 * The lambda called through a generic that captures its return type, with its parameters typed as the
 * generated code types them (the flows into the node): `const __result = __infer((click, user) => …)`.
 */
export function inferenceSnippet(
  doc: TopologyDocument,
  t: ResultTarget,
  analysis: Analysis = analyze(doc),
): InferenceSnippet | null {
  const lambda = lambdaTypesOf(doc, t.nodeId, analysis)[t.lambda];
  const code = doc.nodes.find((n) => n.id === t.nodeId)?.config[t.lambda];
  if (!lambda || typeof code !== 'string') return null;
  const params = lambda.params.map((p) => `${p.name}: ${p.type}`).join(', ');
  const head = `${snippetDeclarations(doc)}declare function __infer<R>(f: (${params}) => R): R;\n`;
  const declaration = 'const __result = __infer(\n';
  return { text: `${head}${declaration}${code}\n);\nexport {};\n`, at: head.length + 'const '.length };
}

/**
 * The type in a hover text `const __result: T`, when it is one a document can declare: not `unknown`, `any`
 * or `never` (nothing learnt), not cut short with `...`, naming none of the snippet's own helpers.
 */
export function readInferred(hover: string): string | null {
  const m = /^const __result: ([\s\S]+)$/.exec(hover.trim());
  const type = m?.[1]?.replace(/\s+/g, ' ').trim();
  if (!type || /^(unknown|any|never|void|undefined)$/.test(type)) return null;
  if (type.includes('...') || type.includes('__')) return null;
  return type;
}

/** The document with the inferred types written into their fields; the same document when none changed. */
export function withResultTypes(
  doc: TopologyDocument,
  types: ReadonlyArray<{ target: ResultTarget; type: string }>,
): TopologyDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const mine = types.filter((t) => t.target.nodeId === n.id && n.config[t.target.field] !== t.type);
    if (mine.length === 0) return n;
    changed = true;
    const config = { ...n.config };
    for (const t of mine) config[t.target.field] = t.type;
    return { ...n, config };
  });
  return changed ? { ...doc, nodes } : doc;
}
