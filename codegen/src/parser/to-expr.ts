import { Node, SyntaxKind, type Expression } from 'ts-morph';
import type { Call, Expr } from '@topograph/document';

/** Roots of static calls the catalog reads structurally (`Serdes.string()`, `TimeWindows.ofSize…`). */
const STATIC_ROOTS = new Set([
  'Serdes',
  'TimeWindows',
  'SlidingWindows',
  'SessionWindows',
  'JoinWindows',
  'Suppressed',
  'EmitStrategy',
]);

/**
 * Where the expressions and calls handed to recognisers came from, so what the document does not keep of them
 * can be reported at its place in the source.
 */
export class Origins {
  private readonly exprs = new WeakMap<Expr, Node>();
  private readonly calls = new WeakMap<Call, RawCall>();
  expr(e: Expr): Node | undefined {
    return this.exprs.get(e);
  }
  call(c: Call): RawCall | undefined {
    return this.calls.get(c);
  }
  /** The catalog's view of a source call, its arguments read with `toExpr`. */
  readCall(raw: RawCall, isFlowVariable: (name: string) => boolean): Call {
    const c: Call = {
      method: raw.method,
      typeArgs: raw.typeArgs,
      args: raw.argNodes.map((a) => toExpr(a, isFlowVariable, this)),
    };
    this.calls.set(c, raw);
    return c;
  }
  note<E extends Expr>(e: E, node: Node): E {
    this.exprs.set(e, node);
    return e;
  }
}

/**
 * Reads an argument into the catalog's expression shape. Literals, options objects, references to flow
 * variables and static builder calls are read structurally; everything else (lambdas above all) is kept as
 * verbatim source text. `origins` learns where each expression came from.
 */
export function toExpr(
  node: Expression,
  isFlowVariable: (name: string) => boolean,
  origins: Origins = new Origins(),
): Expr {
  return origins.note(read(node, isFlowVariable, origins), node);
}

function read(node: Expression, isFlowVariable: (name: string) => boolean, origins: Origins): Expr {
  const n = unwrap(node);
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n))
    return { kind: 'string', value: n.getLiteralValue() };
  if (Node.isNumericLiteral(n)) return { kind: 'number', value: n.getLiteralValue() };
  if (Node.isPrefixUnaryExpression(n) && n.getOperatorToken() === SyntaxKind.MinusToken) {
    const operand = n.getOperand();
    if (Node.isNumericLiteral(operand)) return { kind: 'number', value: -operand.getLiteralValue() };
  }
  if (n.getKind() === SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
  if (n.getKind() === SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
  if (Node.isIdentifier(n) && isFlowVariable(n.getText())) return { kind: 'ref', target: n.getText() };
  if (Node.isObjectLiteralExpression(n)) {
    const props: Array<[string, Expr]> = [];
    for (const p of n.getProperties()) {
      if (!Node.isPropertyAssignment(p)) return { kind: 'code', text: dedent(n.getText()) };
      const nameNode = p.getNameNode();
      const name = Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText();
      const init = p.getInitializer();
      if (!init) return { kind: 'code', text: dedent(n.getText()) };
      props.push([name, toExpr(init, isFlowVariable, origins)]);
    }
    return { kind: 'object', props };
  }
  if (Node.isArrayLiteralExpression(n))
    return { kind: 'array', items: n.getElements().map((e) => toExpr(e, isFlowVariable, origins)) };
  if (Node.isCallExpression(n)) {
    const chain = readChain(n);
    if (chain && Node.isIdentifier(chain.root) && STATIC_ROOTS.has(chain.root.getText())) {
      return {
        kind: 'call',
        root: chain.root.getText(),
        calls: chain.calls.map((c) => origins.readCall(c, isFlowVariable)),
      };
    }
  }
  return { kind: 'code', text: dedent(node.getText()) };
}

/**
 * Removes the indentation a lambda got from its place in the file, so the document (and the designer's
 * editor) holds it as if written at column 0; the generator indents it again.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  if (lines.length < 2) return text;
  const indents = lines
    .slice(1)
    .filter((l) => l.trim().length > 0)
    .map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  if (!Number.isFinite(cut) || cut === 0) return text;
  return [
    lines[0],
    ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^ */.exec(l)?.[0].length ?? 0))),
  ].join('\n');
}

/** Parentheses around an argument change nothing the catalog cares about. */
function unwrap(n: Expression): Expression {
  if (Node.isParenthesizedExpression(n)) return unwrap(n.getExpression());
  return n;
}

export interface RawCall extends Omit<Call, 'args'> {
  argNodes: Expression[];
  typeArgNodes: Node[];
  node: Node;
  /** The method name, where problems about this call are reported. */
  nameNode: Node;
}

/**
 * Splits `root.a<T>(x).b(y)` into its root expression and calls, outermost last. Returns undefined for
 * anything else (element access, optional chaining, tagged templates …).
 */
export function readChain(expr: Expression): { root: Expression; calls: RawCall[] } | undefined {
  const calls: RawCall[] = [];
  let current: Expression = expr;
  for (;;) {
    if (Node.isNonNullExpression(current)) {
      current = current.getExpression();
      continue;
    }
    if (!Node.isCallExpression(current)) break;
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.hasQuestionDotToken()) return undefined;
    calls.unshift({
      method: callee.getName(),
      typeArgs: current.getTypeArguments().map((t) => t.getText()),
      typeArgNodes: current.getTypeArguments(),
      argNodes: current.getArguments() as Expression[],
      node: current,
      nameNode: callee.getNameNode(),
    });
    current = callee.getExpression();
  }
  return calls.length === 0 ? undefined : { root: current, calls };
}
