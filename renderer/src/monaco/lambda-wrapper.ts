import {
  analyze,
  getKind,
  inferTypeDeclaration,
  type Analysis,
  type FlowInfo,
  type TopologyDocument,
} from '@topograph/codegen';

/**
 * A lambda field as a self-contained TypeScript snippet: the record types in play, then the lambda assigned to
 * a function type whose parameters carry the types of the records flowing into the node. Checking the snippet
 * gives the lambda IntelliSense and type errors without the host.
 */
export interface LambdaSnippet {
  prefix: string;
  suffix: string;
  /** Parameter list the lambda is typed against, shown above the editor. */
  params: string;
}

export function lambdaSnippet(
  doc: TopologyDocument,
  nodeId: string,
  field: string,
  signature: string,
  // Checking every lambda of a document shares one analysis; analysing per lambda was quadratic.
  analysis: Analysis = analyze(doc),
): LambdaSnippet {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const inputs = node ? inputFlows(doc, nodeId, analysis) : {};
  const main = inputs['in'];
  const right = inputs['right'];
  const config = node?.config ?? {};
  const str = (k: string): string | undefined =>
    typeof config[k] === 'string' ? (config[k] as string) : undefined;
  const typeOf = (name: string): string => {
    switch (name.replace(/^_+/, '')) {
      case 'key':
        return main?.keyType ?? 'unknown';
      case 'value':
      case 'left':
        return main?.valueType ?? 'unknown';
      case 'right':
        return right?.valueType ?? 'unknown';
      case 'aggregate':
        return str('aggregateType') ?? str('valueType') ?? main?.valueType ?? 'unknown';
      default:
        return 'unknown';
    }
  };
  const names = paramNames(signature);
  const params = names.map((n) => `${n}: ${typeOf(n)}`).join(', ');
  const types = doc.types
    .map((t) => {
      const decl = t.declaration ?? (t.samples ? declarationOf(t.samples) : undefined);
      return decl === undefined ? '' : `type ${t.name} = ${decl};\n`;
    })
    .join('');
  const prefix = `${types}type Windowed<K> = { key: K; window: { start: number; end: number } };\nconst __lambda: (${params}) => unknown = (\n`;
  return { prefix, suffix: '\n);\nexport {};\n', params };
}

/** Parameter names of a catalog signature such as `(key, value) => boolean`. */
export function paramNames(signature: string): string[] {
  const m = /^\s*\(([^)]*)\)/.exec(signature);
  if (!m) return [];
  return (m[1] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => /^[A-Za-z_$][\w$]*$/.test(p));
}

function declarationOf(samples: unknown[]): string | undefined {
  const r = inferTypeDeclaration(samples);
  return 'declaration' in r ? r.declaration : undefined;
}

/** The flows arriving on each input port of a node, as far as the analysis knows them. */
export function inputFlows(
  doc: TopologyDocument,
  nodeId: string,
  analysis: Analysis = analyze(doc),
): Record<string, FlowInfo> {
  const out: Record<string, FlowInfo> = {};
  for (const e of doc.edges) {
    if (e.target !== nodeId) continue;
    const src = doc.nodes.find((n) => n.id === e.source);
    const spec = src ? getKind(src.kind) : undefined;
    const cfg = analysis.nodes.get(e.source)?.config;
    const handle = e.sourceHandle ?? (spec && cfg ? spec.outputs(cfg as never)[0]?.id : undefined) ?? 'out';
    const flow = analysis.flows.get(e.source)?.[handle];
    if (flow) out[e.targetHandle ?? 'in'] = flow;
  }
  return out;
}
