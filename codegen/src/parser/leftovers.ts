import type { Node } from 'ts-morph';
import { renderCalls, renderExpr, type Call, type Expr } from '@topograph/document';
import type { Origins } from './to-expr.js';

/** A piece of a source statement the document does not keep. */
export interface Leftover {
  node: Node | undefined;
  text: string;
  reason: string;
}

export interface LeftoverContext {
  origins: Origins;
  /** The node kind's label, for messages. */
  label: string;
  /** The emission's `ref` targets are input ports; this names the variable feeding each. */
  refName: (port: string) => string;
  /**
   * Whether to compare type arguments. Some are taken from the input flows, so without those (the flows do
   * not fit the node, a problem reported elsewhere) they cannot be rebuilt and would differ for no fault of
   * the code.
   */
  typeArgs: boolean;
}

/**
 * What of the source calls is missing from the calls the node read from them emits. A kind's `emit` is the
 * inverse of its `recognise`, so whatever a recogniser ignored, or read into a different value, shows up here,
 * for every kind alike. The emission may hold more than the source (the generator names every operator and
 * spells out serdes and type arguments); only source the emission lacks is left over.
 */
export function leftovers(
  source: readonly Call[],
  emitted: readonly Call[],
  ctx: LeftoverContext,
): Leftover[] {
  const out: Leftover[] = [];
  let next = 0;
  for (const s of source) {
    const i = emitted.findIndex((e, j) => j >= next && e.method === s.method);
    const e = emitted[i];
    const raw = ctx.origins.call(s);
    if (!e) {
      // In the place of another call (`Serdes.long()` read as the default `Serdes.string()`), say which.
      const instead = emitted[next];
      const replaced = instead && !source.some((x) => x.method === instead.method);
      if (replaced) next++;
      out.push({
        node: raw?.nameNode,
        text: oneLine(renderCalls([s])),
        reason: replaced
          ? `${ctx.label} would write \`${oneLine(renderCalls([instead], ctx.refName))}\` instead`
          : `${ctx.label} keeps no .${s.method}(…) call`,
      });
      continue;
    }
    next = i + 1;
    if (ctx.typeArgs)
      s.typeArgs.forEach((t, k) => {
        const want = e.typeArgs[k];
        if (want !== undefined && squash(want) === squash(t)) return;
        out.push({
          node: raw?.typeArgNodes[k],
          text: t,
          reason:
            want === undefined
              ? `${ctx.label} has no place for it`
              : `${ctx.label} would write \`${want}\` instead`,
        });
      });
    out.push(...leftoverArgs(s.args, e.args, ctx));
  }
  return out;
}

/** Arguments in any order: each source argument pairs with the emitted one that holds it best. */
function leftoverArgs(source: readonly Expr[], emitted: readonly Expr[], ctx: LeftoverContext): Leftover[] {
  const free = [...emitted];
  const unmatched: Expr[] = [];
  for (const s of source) {
    const i = free.findIndex((e) => leftoverExpr(s, e, ctx).length === 0);
    if (i >= 0) free.splice(i, 1);
    else unmatched.push(s);
  }
  const out: Leftover[] = [];
  for (const s of unmatched) {
    const i = free.findIndex((e) => sameShape(s, e));
    const e = free[i];
    if (e) {
      free.splice(i, 1);
      out.push(...leftoverExpr(s, e, ctx));
    } else {
      out.push(whole(s, ctx, `${ctx.label} has no place for it`));
    }
  }
  return out;
}

function leftoverExpr(s: Expr, e: Expr, ctx: LeftoverContext): Leftover[] {
  if (s.kind === 'object' && e.kind === 'object')
    return s.props.flatMap(([key, value]) => {
      const kept = e.props.find(([k]) => k === key);
      if (kept) return leftoverExpr(value, kept[1], ctx);
      const node = ctx.origins.expr(value)?.getParent();
      return [
        {
          node,
          text: node ? oneLine(node.getText()) : `${key}: ${oneLine(renderExpr(value))}`,
          reason: `${ctx.label} keeps no \`${key}\` option`,
        },
      ];
    });
  if (s.kind === 'call' && e.kind === 'call' && s.root === e.root) return leftovers(s.calls, e.calls, ctx);
  if (s.kind === 'array' && e.kind === 'array')
    return s.items.flatMap((item, i) => {
      const kept = e.items[i];
      return kept ? leftoverExpr(item, kept, ctx) : [whole(item, ctx, `${ctx.label} has no place for it`)];
    });
  const wrote = renderExpr(e, ctx.refName);
  return renderExpr(s) === wrote
    ? []
    : [whole(s, ctx, `${ctx.label} would write \`${oneLine(wrote)}\` instead`)];
}

const sameShape = (s: Expr, e: Expr): boolean =>
  s.kind === e.kind && (s.kind !== 'call' || (e.kind === 'call' && s.root === e.root));

function whole(s: Expr, ctx: LeftoverContext, reason: string): Leftover {
  const node = ctx.origins.expr(s);
  return { node, text: oneLine(node?.getText() ?? renderExpr(s)), reason };
}

const squash = (type: string): string => type.replace(/\s+/g, '');

/** Long or multi-line code is cut to its first line in messages; the position says where the rest is. */
export function oneLine(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const cut = first.length > 80 ? first.slice(0, 80) : first;
  return cut === text ? text : `${cut}…`;
}
