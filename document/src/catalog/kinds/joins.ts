import { z } from 'zod';
import type { FlowInfo, FlowKind } from '../../schema/flow.js';
import { call, code, num, readNumber, readRef, ref, type Call, type Expr } from '../../kind/expr.js';
import {
  codeArg,
  derive,
  expectFlow,
  fn,
  input,
  named,
  orNull,
  readName,
  typesOn,
} from '../../kind/common.js';
import { codeField, durationField, graceField, selectField, typeField } from '../../kind/fields.js';
import { defineKind, joinInputs, single, type KindSpec } from '../../kind/spec.js';

const JOIN_METHODS = { inner: 'join', left: 'leftJoin', outer: 'outerJoin' } as const;
type JoinType = keyof typeof JOIN_METHODS;
const joinTypeOf = (method: string): JoinType | undefined =>
  (Object.keys(JOIN_METHODS) as JoinType[]).find((t) => JOIN_METHODS[t] === method);

interface JoinKind {
  kind: string;
  label: string;
  help: string;
  left: FlowKind;
  right: FlowKind;
  types: readonly [JoinType, ...JoinType[]];
  /** Stream–stream joins take a JoinWindows spec. */
  windowed?: boolean;
  /** Stream–globalTable joins look the table key up with a selector. */
  keySelector?: boolean;
}

interface JoinConfig {
  joinType: JoinType;
  joiner: string;
  valueType: string;
  keySelector?: string;
  windowMs?: number;
  graceMs?: number;
}

function joinKind(j: JoinKind): KindSpec {
  const shape: Record<string, z.ZodType> = {
    joinType: selectField('Join', j.types as unknown as readonly [string, ...string[]]),
    joiner: codeField(
      'Joiner',
      '(leftValue, rightValue) => joined',
      'The key comes third. In left and outer joins the right value is null for unmatched records (and, in outer joins, the left value too).',
    ),
    valueType: typeField('Result type'),
  };
  if (j.keySelector) shape['keySelector'] = codeField('Table key', '(key, value) => tableKey');
  if (j.windowed) {
    shape['windowMs'] = durationField('Time difference', 'Records at most this far apart are joined');
    shape['graceMs'] = graceField().optional();
  }
  const schema = z.object(shape) as unknown as z.ZodType<JoinConfig>;

  const windowsExpr = (c: JoinConfig): Expr => ({
    kind: 'call',
    root: 'JoinWindows',
    calls: [
      c.graceMs === undefined
        ? call('ofTimeDifferenceWithNoGrace', [num(c.windowMs ?? 0)])
        : call('ofTimeDifferenceAndGrace', [num(c.windowMs ?? 0), num(c.graceMs)]),
    ],
  });

  return defineKind<JoinConfig>({
    kind: j.kind,
    label: j.label,
    group: 'Joins',
    help: j.help,
    inputs: joinInputs(j.left, j.right),
    outputs: single,
    config: schema,
    defaults: () => ({
      joinType: 'inner',
      joiner: '(left, right) => ({ left, right })',
      valueType: 'unknown',
      ...(j.keySelector ? { keySelector: '(key, value) => key' } : {}),
      ...(j.windowed ? { windowMs: 60_000 } : {}),
    }),
    infer: ({ config, inputs }) => {
      const left = input(inputs);
      const right = input(inputs, 'right');
      const wrong =
        expectFlow(left, [j.left], `${j.label} (left)`) ?? expectFlow(right, [j.right], `${j.label} (right)`);
      if (wrong) return wrong;
      if (!j.types.includes(config.joinType))
        return { error: `${j.label} supports ${j.types.join(', ')} joins`, field: 'joinType' };
      const out: FlowInfo = derive(left, { valueType: config.valueType, keyChangedBy: null });
      return { out };
    },
    emit: ({ node, config, inputs }) => {
      const typeArgs = j.keySelector
        ? [inputs['right']?.keyType ?? 'unknown', inputs['right']?.valueType ?? 'unknown', config.valueType]
        : [inputs['right']?.valueType ?? 'unknown', config.valueType];
      const args: Expr[] = [ref('right')];
      if (j.keySelector) args.push(code(config.keySelector ?? ''));
      args.push(code(config.joiner));
      if (j.windowed) args.push(windowsExpr(config));
      args.push(named(node.id));
      return { calls: [call(JOIN_METHODS[config.joinType], args, typeArgs)] };
    },
    recognise: (calls) => {
      const c = calls.length === 1 ? calls[0] : undefined;
      const joinType = c && joinTypeOf(c.method);
      if (!c || !joinType || !j.types.includes(joinType)) return null;
      const right = readRef(c.args[0]);
      if (right === undefined) return null;
      const rest = c.args.slice(1).filter((a) => readName(a) === undefined);
      const windows = rest.find((a) => a.kind === 'call' && a.root === 'JoinWindows');
      if (Boolean(windows) !== Boolean(j.windowed)) return null;
      const lambdas = rest.filter((a) => a !== windows);
      if (lambdas.length !== (j.keySelector ? 2 : 1)) return null;
      const joiner = codeArg(lambdas[lambdas.length - 1]);
      if (joiner === undefined) return null;
      const config: JoinConfig = {
        joinType,
        joiner,
        valueType: c.typeArgs[c.typeArgs.length - 1] ?? 'unknown',
      };
      if (j.keySelector) config.keySelector = codeArg(lambdas[0]) ?? '';
      if (windows?.kind === 'call') {
        const spec = readJoinWindows(windows.calls);
        if (!spec) return null;
        config.windowMs = spec.windowMs;
        if (spec.graceMs !== undefined) config.graceMs = spec.graceMs;
      }
      return { config, refs: { right } };
    },
    // The runtime's ValueJoiner / LeftValueJoiner / OuterValueJoiner: `(left, right, key)`, null for a side
    // that did not match.
    lambdas: ({ config, inputs }) => {
      const left = typesOn(inputs);
      const right = typesOn(inputs, 'right');
      const leftType = config.joinType === 'outer' ? orNull(left.value) : left.value;
      const rightType = config.joinType === 'inner' ? right.value : orNull(right.value);
      const out = {
        joiner: fn(
          [
            ['leftValue', leftType],
            ['rightValue', rightType],
            ['key', left.key],
          ],
          config.valueType,
        ),
      };
      return j.keySelector
        ? {
            ...out,
            keySelector: fn(
              [
                ['key', left.key],
                ['value', left.value],
              ],
              right.key,
            ),
          }
        : out;
    },
    repartitions: ({ node, inputs }) =>
      j.keySelector
        ? []
        : [
            ...(inputs['in']?.keyChangedBy ? [`${node.id}-left-repartition`] : []),
            ...(inputs['right']?.keyChangedBy ? [`${node.id}-right-repartition`] : []),
          ],
  });
}

function readJoinWindows(calls: readonly Call[]): { windowMs: number; graceMs?: number } | null {
  const [c] = calls;
  if (calls.length !== 1 || !c) return null;
  const windowMs = readNumber(c.args[0]);
  if (windowMs === undefined) return null;
  if (c.method === 'ofTimeDifferenceWithNoGrace') return { windowMs };
  const graceMs = readNumber(c.args[1]);
  return c.method === 'ofTimeDifferenceAndGrace' && graceMs !== undefined ? { windowMs, graceMs } : null;
}

export const joinKinds: KindSpec[] = [
  joinKind({
    kind: 'join.streamStream',
    label: 'Stream–stream join',
    help: 'Joins records of two streams with the same key whose timestamps are within the time difference.',
    left: 'stream',
    right: 'stream',
    types: ['inner', 'left', 'outer'],
    windowed: true,
  }),
  joinKind({
    kind: 'join.streamTable',
    label: 'Stream–table join',
    help: 'Enriches each stream record with the current table value for its key.',
    left: 'stream',
    right: 'table',
    types: ['inner', 'left'],
  }),
  joinKind({
    kind: 'join.streamGlobalTable',
    label: 'Stream–global table join',
    help: 'Enriches each stream record with a global table value looked up by a key computed from the record.',
    left: 'stream',
    right: 'globalTable',
    types: ['inner', 'left'],
    keySelector: true,
  }),
  joinKind({
    kind: 'join.tableTable',
    label: 'Table–table join',
    help: 'Joins two tables by key; the result table updates whenever either side changes.',
    left: 'table',
    right: 'table',
    types: ['inner', 'left', 'outer'],
  }),
];

/** Joins whose inputs must be co-partitioned (same key, same partition count). */
export const COPARTITIONED_JOINS = ['join.streamStream', 'join.streamTable', 'join.tableTable'];
