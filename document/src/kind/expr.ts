/**
 * A small, browser-safe description of generated code: what a catalog entry emits and what the parser hands
 * back to its recogniser. Emitting and recognising work on the same shape, so they stay inverse of each other.
 */
export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** Any expression kept verbatim: user lambdas, identifiers, anything the shape does not model. */
  | { kind: 'code'; text: string }
  | { kind: 'object'; props: Array<[string, Expr]> }
  | { kind: 'array'; items: Expr[] }
  /**
   * Another flow. When emitting, `target` names the input port (the generator substitutes the variable);
   * when parsing, it is the variable's name (the parser maps it to a node).
   */
  | { kind: 'ref'; target: string }
  /** `Root.method<T>(args).method2(args)`, e.g. `Serdes.json<Order>()` or `TimeWindows.ofSizeWithNoGrace(5)`. */
  | { kind: 'call'; root: string; calls: Call[] };

export interface Call {
  method: string;
  typeArgs: string[];
  args: Expr[];
}

export const str = (value: string): Expr => ({ kind: 'string', value });
export const num = (value: number): Expr => ({ kind: 'number', value });
export const code = (text: string): Expr => ({ kind: 'code', text });
export const ref = (target: string): Expr => ({ kind: 'ref', target });
export const call = (method: string, args: Expr[] = [], typeArgs: string[] = []): Call => ({
  method,
  typeArgs,
  args,
});
export const staticCall = (root: string, ...calls: Call[]): Expr => ({ kind: 'call', root, calls });

/** An options object, leaving out absent values so optional config does not clutter the code. */
export const options = (props: Array<[string, Expr | undefined]>): Expr => ({
  kind: 'object',
  props: props.filter((p): p is [string, Expr] => p[1] !== undefined),
});

/** Prints an expression as TypeScript (unformatted: the generator formats the whole file). */
export function renderExpr(e: Expr, refName: (target: string) => string = (t) => t): string {
  switch (e.kind) {
    case 'string':
      return quote(e.value);
    case 'number':
      return String(e.value);
    case 'boolean':
      return String(e.value);
    case 'code':
      return e.text;
    case 'ref':
      return refName(e.target);
    case 'array':
      return `[${e.items.map((i) => renderExpr(i, refName)).join(', ')}]`;
    case 'object':
      return e.props.length === 0
        ? '{}'
        : `{ ${e.props.map(([k, v]) => `${propertyName(k)}: ${renderExpr(v, refName)}`).join(', ')} }`;
    case 'call':
      return e.root + renderCalls(e.calls, refName);
  }
}

export const renderCalls = (calls: readonly Call[], refName?: (target: string) => string): string =>
  calls
    .map(
      (c) =>
        `.${c.method}${c.typeArgs.length > 0 ? `<${c.typeArgs.join(', ')}>` : ''}(${c.args
          .map((a) => renderExpr(a, refName))
          .join(', ')})`,
    )
    .join('');

const quote = (s: string): string =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const propertyName = (k: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k));

// Readers for recognisers: each returns undefined when the expression is not of the expected shape.

export const readString = (e: Expr | undefined): string | undefined =>
  e?.kind === 'string' ? e.value : undefined;
export const readNumber = (e: Expr | undefined): number | undefined =>
  e?.kind === 'number' ? e.value : undefined;
export const readRef = (e: Expr | undefined): string | undefined =>
  e?.kind === 'ref' ? e.target : undefined;
/** Any expression as source text: what a code field stores. */
export const readCode = (e: Expr | undefined): string | undefined =>
  e === undefined ? undefined : renderExpr(e);
export const readProp = (e: Expr | undefined, name: string): Expr | undefined =>
  e?.kind === 'object' ? e.props.find(([k]) => k === name)?.[1] : undefined;
