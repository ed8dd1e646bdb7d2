import { z } from 'zod';
import type { FlowInfo, FlowKind } from '../../schema/flow.js';
import { call, code } from '../../kind/expr.js';
import { codeArg, derive, expectFlow, fn, input, named, readName, typesOn } from '../../kind/common.js';
import { codeField, typeField } from '../../kind/fields.js';
import { defineKind, none, single, type KindSpec, type PaletteGroup } from '../../kind/spec.js';

const NO_OUTPUTS: Record<string, FlowInfo> = {};

/** Which result types a lambda operator declares in its config. */
type Produces = 'nothing' | 'key' | 'value' | 'keyValue';

interface LambdaKindOptions {
  kind: string;
  method: string;
  label: string;
  help: string;
  group?: PaletteGroup;
  accepts: readonly FlowKind[];
  field: string;
  fieldLabel: string;
  signature: string;
  defaultCode: string;
  produces: Produces;
  /** The lambda's result type, from the key and value types the node declares. */
  result: (declared: { key: string; value: string }) => string;
  terminal?: boolean;
}

/**
 * Operators made of one user lambda (filter, map, peek …): `input.method<Types>(lambda, { name })`.
 * Type arguments are the declared result types, so a lambda returning the wrong shape fails type-checking
 * at that lambda.
 */
export function lambdaKind(o: LambdaKindOptions): KindSpec {
  const shape: Record<string, z.ZodType> = { [o.field]: codeField(o.fieldLabel, o.signature) };
  if (o.produces === 'key' || o.produces === 'keyValue') shape['keyType'] = typeField('Key type');
  if (o.produces === 'value' || o.produces === 'keyValue') shape['valueType'] = typeField('Value type');
  type C = Record<string, string>;
  const schema = z.object(shape) as unknown as z.ZodType<C>;
  const typeArgsOf = (c: C): string[] =>
    o.produces === 'key'
      ? [c['keyType'] ?? 'unknown']
      : o.produces === 'value'
        ? [c['valueType'] ?? 'unknown']
        : o.produces === 'keyValue'
          ? [c['keyType'] ?? 'unknown', c['valueType'] ?? 'unknown']
          : [];
  const spec: KindSpec<C> = {
    kind: o.kind,
    label: o.label,
    group: o.group ?? 'Stateless',
    help: o.help,
    inputs: [{ id: 'in', label: 'in', accepts: o.accepts }],
    outputs: o.terminal ? none : single,
    config: schema,
    defaults: () => {
      const c: C = { [o.field]: o.defaultCode };
      if (o.produces === 'key' || o.produces === 'keyValue') c['keyType'] = 'string';
      if (o.produces === 'value' || o.produces === 'keyValue') c['valueType'] = 'string';
      return c;
    },
    infer: ({ node, config, inputs }) => {
      const info = input(inputs);
      const wrong = expectFlow(info, o.accepts, o.label);
      if (wrong) return wrong;
      if (o.terminal) return NO_OUTPUTS;
      const change: Partial<FlowInfo> = {};
      if (config['keyType'] !== undefined) {
        change.keyType = config['keyType'];
        change.windowed = false;
        if (info.keyChangedBy === null) change.keyChangedBy = node.id;
      }
      if (config['valueType'] !== undefined) change.valueType = config['valueType'];
      return { out: derive(info, change) };
    },
    emit: ({ node, config }) => ({
      calls: [call(o.method, [code(config[o.field] ?? ''), named(node.id)], typeArgsOf(config))],
    }),
    recognise: (calls) => {
      const c = calls.length === 1 ? calls[0] : undefined;
      if (!c || c.method !== o.method || c.args.length < 1 || c.args.length > 2) return null;
      if (c.args[1] !== undefined && readName(c.args[1]) === undefined) return null;
      const fn = codeArg(c.args[0]);
      if (fn === undefined) return null;
      const config: C = { [o.field]: fn };
      const [first, second] = c.typeArgs;
      if (o.produces === 'key') config['keyType'] = first ?? 'unknown';
      if (o.produces === 'value') config['valueType'] = first ?? 'unknown';
      if (o.produces === 'keyValue') {
        config['keyType'] = first ?? 'unknown';
        config['valueType'] = second ?? 'unknown';
      }
      return { config, refs: {} };
    },
    // Parameters follow the signature's order: `(key, value)`, or `(value, key)` for the *Values kinds.
    lambdas: ({ config, inputs }) => {
      const t = typesOn(inputs);
      const names =
        /^\(([^)]*)\)/
          .exec(o.signature)?.[1]
          ?.split(',')
          .map((n) => n.trim()) ?? [];
      const declared = { key: config['keyType'] ?? 'unknown', value: config['valueType'] ?? 'unknown' };
      return {
        [o.field]: fn(
          names.map((n) => [n, n === 'key' ? t.key : t.value]),
          o.result(declared),
        ),
      };
    },
    changesKey: o.produces === 'key' || o.produces === 'keyValue',
  };
  return defineKind(spec);
}
