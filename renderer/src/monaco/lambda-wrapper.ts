import {
  analyze,
  inferTypeDeclaration,
  LAMBDA_DECLARATIONS,
  lambdaTypesOf,
  type Analysis,
  type LambdaType,
  type TopologyDocument,
} from '@topograph/document';

/**
 * A lambda field as a self-contained TypeScript snippet: the runtime types a lambda may name, the record
 * types, then the lambda assigned to the function type its node's catalog entry gives it from the flows
 * arriving on the node's ports (the type the generated code's method call gives it). Checking the snippet
 * gives the lambda IntelliSense and type errors without the host.
 */
export interface LambdaSnippet {
  prefix: string;
  suffix: string;
  /** The function type the lambda is checked against, e.g. `(leftValue: Click, rightValue: User | null, key: string) => Enriched`. */
  type: string;
}

/** What a field's lambda is checked against when its kind does not say (a field the catalog does not type). */
const UNTYPED: LambdaType = { params: [], result: 'unknown' };

export const SNIPPET_SUFFIX = '\n);\nexport {};\n';

export function lambdaSnippet(
  doc: TopologyDocument,
  nodeId: string,
  field: string,
  // Checking every lambda of a document shares one analysis; analysing per lambda was quadratic.
  analysis: Analysis = analyze(doc),
): LambdaSnippet {
  const lambda = lambdaTypesOf(doc, nodeId, analysis)[field];
  const type = functionType(lambda ?? UNTYPED, lambda === undefined);
  const prefix = `${snippetDeclarations(doc)}const __lambda: ${type} = (\n`;
  return { prefix, suffix: SNIPPET_SUFFIX, type };
}

/** What every lambda snippet starts with: the runtime types a lambda may name, then the document's record types. */
export function snippetDeclarations(doc: TopologyDocument): string {
  const types = doc.types
    .map((t) => {
      const decl = t.declaration ?? (t.samples ? declarationOf(t.samples) : undefined);
      return decl === undefined ? '' : `type ${t.name} = ${decl};\n`;
    })
    .join('');
  return `${LAMBDA_DECLARATIONS}${types}`;
}

/** `(a: A, b: B) => R`; an untyped field takes any parameters rather than none. */
function functionType(t: LambdaType, untyped: boolean): string {
  const params = t.params.map((p) => `${p.name}: ${p.type}`).join(', ');
  return untyped ? '(...args: unknown[]) => unknown' : `(${params}) => ${t.result}`;
}

function declarationOf(samples: unknown[]): string | undefined {
  const r = inferTypeDeclaration(samples);
  return 'declaration' in r ? r.declaration : undefined;
}
