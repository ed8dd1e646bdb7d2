import {
  Node,
  Project,
  SyntaxKind,
  type FunctionDeclaration,
  type SourceFile,
  type Statement,
} from 'ts-morph';
import {
  CATALOG,
  CURRENT_VERSION,
  isError,
  numberedEdgeId,
  type Call,
  type DocumentEdge,
  type DocumentNode,
  type FlowInfo,
  type KindSpec,
  type OutputMap,
  type Problem,
  type TopologyDocument,
  type TypeDeclaration,
} from '@topograph/document';
import { LAYOUT_MARKER } from '../generator/emit-file.js';
import { camelCase } from '../generator/naming.js';
import { diagnosticMessage } from '../generator/type-check.js';
import { leftovers, oneLine } from './leftovers.js';
import { reconcile } from './reconcile.js';
import { outsideTopology } from './outside.js';
import { Origins, readChain, toExpr, type RawCall } from './to-expr.js';

export interface ParseOptions {
  /**
   * The document the code is read over. Name and settings come from here: code holds the graph, not test data or
   * topic sizes. With its nodes and edges, what the code did not change keeps its order, edge ids and positions
   * (`reconcile`).
   */
  base?: Pick<TopologyDocument, 'name' | 'settings'> & Partial<Pick<TopologyDocument, 'nodes' | 'edges'>>;
}

export interface ParseResult {
  document: TopologyDocument;
  /** Everything that could not be read, with 1-based line and column; nothing is dropped silently. */
  problems: Problem[];
}

/** What the parser knows about a flow variable. */
interface FlowVar {
  nodeId: string;
  /** Output handle the variable stands for (branch nodes hold a map: their handles come from `.get`). */
  flows: Record<string, FlowInfo>;
  outputMap: OutputMap | undefined;
}

let project: Project | undefined;
const sourceFileFor = (text: string): SourceFile =>
  (project ??= new Project({ useInMemoryFileSystem: true })).createSourceFile('/topology.ts', text, {
    overwrite: true,
  });

/**
 * Reads a topology file — generated, or edited by hand in the same shape (renamed variables, reformatted,
 * comments, changed lambda bodies) — back into a document.
 */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const file = sourceFileFor(source);
  const problems: Problem[] = [];
  const at = (node: Node, code: string, message: string, severity: Problem['severity'] = 'error'): void => {
    const { line, column } = file.getLineAndColumnAtPos(node.getStart());
    problems.push({ severity, code, message: `${line}:${column} ${message}`, line, column });
  };
  // Syntax only: the parser reads shapes, and type errors are the generator's type-check's job.
  for (const d of file.getProject().getProgram().getSyntacticDiagnostics(file)) {
    const pos = d.getStart() ?? 0;
    const { line, column } = file.getLineAndColumnAtPos(pos);
    problems.push({
      severity: 'error',
      code: 'parse.syntax',
      message: `${line}:${column} ${diagnosticMessage(d)}`,
      line,
      column,
    });
  }

  const types = readTypes(file, at);
  const layout = readLayout(file);
  const nodes: DocumentNode[] = [];
  const edges: DocumentEdge[] = [];
  const vars = new Map<string, FlowVar>();
  const origins = new Origins();

  const fn = findBuildFunction(file);
  if (!fn) {
    problems.push({
      severity: 'error',
      code: 'parse.noTopology',
      message: 'no buildTopology() function with a StreamsBuilder found',
      line: 1,
      column: 1,
    });
  } else {
    for (const { node, message } of outsideTopology(file, fn.declaration)) at(node, 'parse.outside', message);
    let builderVar: string | undefined;
    let returned = false;
    for (const statement of fn.statements) {
      if (returned) {
        at(
          statement,
          'parse.unrecognised',
          `code after the return is kept out of the document: ${oneLine(statement.getText())}`,
        );
        continue;
      }
      if (Node.isReturnStatement(statement)) {
        returned = true;
        const value = statement.getExpression();
        const chain = value && readChain(value);
        const builds =
          chain !== undefined &&
          builderVar !== undefined &&
          chain.root.getText() === builderVar &&
          chain.calls.length === 1 &&
          chain.calls[0]?.method === 'build' &&
          chain.calls[0].argNodes.length === 0;
        if (!builds)
          at(
            statement,
            'parse.unrecognised',
            `buildTopology() must end with return ${builderVar ?? 'builder'}.build()`,
          );
        continue;
      }
      const read = readStatement(statement);
      if (!read) {
        at(
          statement,
          'parse.unrecognised',
          `statement not understood (kept out of the document): ${oneLine(statement.getText())}`,
        );
        continue;
      }
      if (read.isBuilder) {
        builderVar = read.varName;
        for (const arg of read.args)
          at(
            arg,
            'parse.leftover',
            `cannot read \`${oneLine(arg.getText())}\` here: the StreamsBuilder takes no options`,
          );
        continue;
      }
      const { varName, chain, annotation } = read;
      if (annotation)
        at(
          annotation,
          'parse.leftover',
          `cannot read \`${oneLine(annotation.getText())}\` here: flow variables take their types from the operators`,
        );
      const rootText = chain.root.getText();
      let calls = chain.calls;
      // Receiver: the builder (sources), a flow variable, or a branch of a split map (`route.get('route-a')`).
      let receiver: { nodeId: string; handle: string | undefined; info: FlowInfo | undefined } | undefined;
      if (rootText !== builderVar) {
        const v = vars.get(rootText);
        if (!v) {
          at(
            statement,
            'parse.unknownFlow',
            `"${rootText}" is not a flow defined earlier in buildTopology()`,
          );
          continue;
        }
        let handle: string | undefined;
        if (v.outputMap) {
          const get = calls[0];
          const keyNode = get?.method === 'get' ? get.argNodes[0] : undefined;
          const key = keyNode ? toExpr(keyNode, () => false) : undefined;
          for (const extra of get?.argNodes.slice(1) ?? [])
            at(
              extra,
              'parse.leftover',
              `cannot read \`${oneLine(extra.getText())}\` here: a branch is read by its key alone`,
            );
          const prefix = v.outputMap.prefix(v.nodeId);
          if (key?.kind !== 'string' || !key.value.startsWith(prefix)) {
            at(statement, 'parse.branch', `read a branch of "${rootText}" with .get('${prefix}<branch>')`);
            continue;
          }
          handle = key.value.slice(prefix.length);
          calls = calls.slice(1);
        }
        receiver = { nodeId: v.nodeId, handle, info: v.flows[handle ?? 'out'] };
      }
      const isFlow = (name: string): boolean => vars.has(name);
      const exprCalls: Call[] = calls.map((c) => origins.readCall(c, isFlow));
      // A statement may chain several operators (`a.filter(…).mapValues(…)`): each longest run of calls
      // some kind recognises becomes one node, fed by the one before.
      let current = receiver;
      let index = 0;
      let label = labelOf(statement);
      while (index < exprCalls.length) {
        let match: Match | undefined;
        let used = 0;
        for (let len = exprCalls.length - index; len >= 1 && !match; len--) {
          match = recogniseNode(exprCalls.slice(index, index + len), current, vars);
          used = len;
        }
        if (!match) {
          at(
            calls[index]?.nameNode ?? statement,
            'parse.unrecognised',
            `no node kind reads ${describeCalls(rootText, calls.slice(index))}`,
          );
          break;
        }
        const segment = exprCalls.slice(index, index + used);
        index += used;
        const last = index === exprCalls.length;
        const taken = new Set(nodes.map((n) => n.id));
        const id = nodeIdOf(match.spec, segment, last ? varName : undefined, layout, taken);
        if (taken.has(id)) {
          at(statement, 'parse.duplicateId', `node id "${id}" is used twice`);
          break;
        }
        const emitted = match.spec.emit({
          node: { id, kind: match.spec.kind, position: { x: 0, y: 0 }, config: match.config },
          config: match.config,
          inputs: match.inputs,
          outputs: match.flows,
        });
        const unread = leftovers(segment, emitted.calls, {
          origins,
          label: match.spec.label,
          refName: (port) => match.refs[port] ?? port,
          typeArgs: match.inferred,
        });
        for (const l of unread)
          at(l.node ?? statement, 'parse.leftover', `cannot read \`${l.text}\` here: ${l.reason}`);
        nodes.push({
          id,
          kind: match.spec.kind,
          ...(label !== undefined ? { label } : {}),
          position: layout.get(id) ?? { x: 0, y: 0 },
          config: match.config,
        });
        label = undefined;
        if (current) edges.push(edge(edges.length, current.nodeId, current.handle, id, undefined));
        for (const [port, refVar] of Object.entries(match.refs)) {
          const v = vars.get(refVar);
          if (v) edges.push(edge(edges.length, v.nodeId, undefined, id, port));
        }
        if (last && varName !== undefined)
          vars.set(varName, { nodeId: id, flows: match.flows, outputMap: match.spec.outputMap });
        current = { nodeId: id, handle: undefined, info: match.flows['out'] };
      }
    }
  }

  const document: TopologyDocument = {
    version: CURRENT_VERSION,
    name: options.base?.name ?? readName(file) ?? 'topology',
    types,
    nodes,
    edges,
    settings: options.base?.settings ?? {},
  };
  return { document: reconcile(document, options.base ?? {}, layout), problems };
}

const edge = (
  i: number,
  source: string,
  sourceHandle: string | undefined,
  target: string,
  targetHandle: string | undefined,
): DocumentEdge => ({
  id: numberedEdgeId(i + 1),
  source,
  ...(sourceHandle !== undefined ? { sourceHandle } : {}),
  target,
  ...(targetHandle !== undefined ? { targetHandle } : {}),
});

interface Match {
  spec: KindSpec;
  config: Record<string, unknown>;
  refs: Record<string, string>;
  /** The flows arriving on the node's input ports, as far as they are known. */
  inputs: Record<string, FlowInfo>;
  flows: Record<string, FlowInfo>;
  /** Whether the kind's `infer` accepted the inputs (else `flows` is empty). */
  inferred: boolean;
}

/**
 * Asks every kind to recognise the calls; where several do (a join of a stream with a table and of two
 * tables look alike), the flows on the inputs decide, through the kinds' own `infer`.
 */
function recogniseNode(
  calls: Call[],
  receiver: { nodeId: string; info: FlowInfo | undefined } | undefined,
  vars: Map<string, FlowVar>,
): Match | undefined {
  let fallback: Match | undefined;
  for (const spec of CATALOG.values()) {
    if ((spec.inputs.length === 0) !== (receiver === undefined)) continue;
    const recognised = spec.recognise(calls);
    for (const r of recognised === null ? [] : Array.isArray(recognised) ? recognised : [recognised]) {
      const parsed = spec.config.safeParse(r.config);
      if (!parsed.success) continue;
      const config = r.config as Record<string, unknown>;
      const inputs: Record<string, FlowInfo> = {};
      if (receiver?.info && spec.inputs[0]) inputs[spec.inputs[0].id] = receiver.info;
      for (const [port, refVar] of Object.entries(r.refs)) {
        const info = vars.get(refVar)?.flows['out'];
        if (info) inputs[port] = info;
      }
      const complete = spec.inputs.every((p) => inputs[p.id] !== undefined);
      const node: DocumentNode = { id: 'parsed', kind: spec.kind, position: { x: 0, y: 0 }, config };
      const result = complete ? spec.infer({ node, config, inputs }) : undefined;
      if (result && !isError(result))
        return { spec, config, refs: r.refs, inputs, flows: result, inferred: true };
      fallback ??= { spec, config, refs: r.refs, inputs, flows: {}, inferred: false };
    }
  }
  return fallback;
}

/**
 * The node id: the operator's `name` (a split's prefix without its dash), else the layout's id for the
 * variable, else the variable's name, else a fresh id from the kind.
 */
function nodeIdOf(
  spec: KindSpec,
  calls: Call[],
  varName: string | undefined,
  layout: Map<string, unknown>,
  taken: ReadonlySet<string>,
): string {
  const first = calls[0];
  // `{ name: 'id' }`, or a config object's `.withName('id')` (Suppressed).
  const named = first?.args
    .map((a) =>
      a.kind === 'object'
        ? a.props.find(([k]) => k === 'name')?.[1]
        : a.kind === 'call'
          ? a.calls.find((c) => c.method === 'withName')?.args[0]
          : undefined,
    )
    .find((v) => v?.kind === 'string');
  if (named?.kind === 'string') return spec.outputMap ? spec.outputMap.idOfName(named.value) : named.value;
  if (varName !== undefined) {
    for (const id of layout.keys())
      if (safeCamel(id) === varName || safeCamel(id) + 'Flow' === varName) return id;
    return varName;
  }
  const base = spec.kind.split('.').pop() ?? 'node';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const safeCamel = (id: string): string | undefined => {
  try {
    return camelCase(id);
  } catch {
    return undefined;
  }
};

interface BuildFunction {
  declaration: FunctionDeclaration;
  statements: Statement[];
}

function readStatement(statement: Statement):
  | { isBuilder: true; varName: string; args: Node[] }
  | {
      isBuilder: false;
      varName: string | undefined;
      chain: { root: Node; calls: RawCall[] };
      /** A type written on the variable: the generator writes none, so it is not kept. */
      annotation?: Node;
    }
  | undefined {
  if (Node.isVariableStatement(statement)) {
    const decls = statement.getDeclarations();
    const decl = decls[0];
    const init = decl?.getInitializer();
    if (decls.length !== 1 || !decl || !init || !Node.isIdentifier(decl.getNameNode())) return undefined;
    if (Node.isNewExpression(init) && init.getExpression().getText() === 'StreamsBuilder')
      return { isBuilder: true, varName: decl.getName(), args: init.getArguments() };
    const chain = readChain(init);
    const annotation = decl.getTypeNode();
    return chain && Node.isIdentifier(chain.root)
      ? { isBuilder: false, varName: decl.getName(), chain, ...(annotation ? { annotation } : {}) }
      : undefined;
  }
  if (Node.isExpressionStatement(statement)) {
    const chain = readChain(statement.getExpression());
    return chain && Node.isIdentifier(chain.root)
      ? { isBuilder: false, varName: undefined, chain }
      : undefined;
  }
  return undefined;
}

function findBuildFunction(file: SourceFile): BuildFunction | undefined {
  const named = file.getFunction('buildTopology');
  const candidates = named ? [named] : file.getFunctions();
  for (const f of candidates) {
    const body = f.getBody();
    if (body && Node.isBlock(body) && body.getText().includes('StreamsBuilder'))
      return { declaration: f, statements: body.getStatements() };
  }
  return undefined;
}

/** `export type X = …` and `export interface X { … }` become record types (interfaces as object types). */
function readTypes(
  file: SourceFile,
  at: (n: Node, code: string, message: string, s?: Problem['severity']) => void,
): TypeDeclaration[] {
  const types: TypeDeclaration[] = [];
  for (const s of file.getStatements()) {
    if (Node.isTypeAliasDeclaration(s)) {
      const t = s.getTypeNode();
      if (s.getTypeParameters().length > 0 || !t)
        at(s, 'parse.type', `generic type "${s.getName()}" is not supported`);
      else types.push({ name: s.getName(), declaration: t.getText() });
    } else if (Node.isInterfaceDeclaration(s)) {
      if (s.getTypeParameters().length > 0 || s.getExtends().length > 0) {
        at(
          s,
          'parse.type',
          `interface "${s.getName()}" with type parameters or extends is not supported; use a type alias`,
        );
        continue;
      }
      const text = s.getText();
      types.push({ name: s.getName(), declaration: text.slice(text.indexOf('{')) });
    }
  }
  return types;
}

function readLayout(file: SourceFile): Map<string, { x: number; y: number }> {
  const layout = new Map<string, { x: number; y: number }>();
  const text = file.getFullText();
  const start = text.indexOf(`/* ${LAYOUT_MARKER}`);
  if (start < 0) return layout;
  const end = text.indexOf('*/', start);
  for (const line of text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .slice(1)) {
    const m = /^\s*\*?\s*([A-Za-z][A-Za-z0-9_-]*)\s+(-?\d+)\s+(-?\d+)\s*$/.exec(line);
    if (m?.[1] && m[2] && m[3]) layout.set(m[1], { x: Number(m[2]), y: Number(m[3]) });
  }
  return layout;
}

/** A single `//` comment right above a statement is the node's label. */
function labelOf(statement: Statement): string | undefined {
  const comments = statement.getLeadingCommentRanges();
  const last = comments[comments.length - 1];
  if (!last || last.getKind() !== SyntaxKind.SingleLineCommentTrivia) return undefined;
  const label = last
    .getText()
    .replace(/^\/\/\s?/, '')
    .trim();
  return label.length > 0 ? label : undefined;
}

const readName = (file: SourceFile): string | undefined =>
  /Builds the "([^"]+)" topology/.exec(file.getFullText())?.[1];
const describeCalls = (root: string, calls: readonly RawCall[]): string =>
  `${root}${calls.map((c) => `.${c.method}(…)`).join('')}`;
