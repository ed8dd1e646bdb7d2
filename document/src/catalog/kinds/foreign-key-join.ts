import { z } from 'zod';
import type { FlowInfo } from '../../schema/flow.js';
import { codeArg, derive, expectFlow, input, named, readName } from '../../kind/common.js';
import { call, code, readRef, ref } from '../../kind/expr.js';
import { codeField, selectField, typeField } from '../../kind/fields.js';
import { defineKind, joinInputs, single, type KindSpec } from '../../kind/spec.js';

// KTable#join / #leftJoin with a foreign-key extractor (Kafka's KIP-213): a kind of its own, since it joins
// tables with different keys and creates its own internal topics and subscription store.

const METHODS = { inner: 'join', left: 'leftJoin' } as const;
type JoinType = keyof typeof METHODS;

interface ForeignKeyJoinConfig {
  joinType: JoinType;
  foreignKeyExtractor: string;
  joiner: string;
  valueType: string;
}

const LABEL = 'Foreign-key join';

const config = z.object({
  joinType: selectField('Join', ['inner', 'left']),
  foreignKeyExtractor: codeField(
    'Foreign key',
    '(leftValue, leftKey) => rightKey',
    'Picks the key of the right-table row each left row joins; null joins nothing (left joins emit with null).',
  ),
  joiner: codeField(
    'Joiner',
    '(leftValue, rightValue) => joined',
    'Right value is null for left-join rows whose foreign key matches nothing.',
  ),
  valueType: typeField('Result type'),
}) as unknown as z.ZodType<ForeignKeyJoinConfig>;

export const foreignKeyJoinKind: KindSpec = defineKind<ForeignKeyJoinConfig>({
  kind: 'join.foreignKey',
  label: LABEL,
  group: 'Joins',
  help: 'Joins each left-table row with the right-table row its foreign key points to; updates on either side re-join.',
  inputs: joinInputs('table', 'table'),
  outputs: single,
  config,
  defaults: () => ({
    joinType: 'inner',
    foreignKeyExtractor: '(value, key) => value.id',
    joiner: '(left, right) => ({ left, right })',
    valueType: 'unknown',
  }),
  infer: ({ config: c, inputs }) => {
    const left = input(inputs);
    const right = input(inputs, 'right');
    const wrong =
      expectFlow(left, ['table'], `${LABEL} (left)`) ?? expectFlow(right, ['table'], `${LABEL} (right)`);
    if (wrong) return wrong;
    // The result keeps the left table's key: the join never changes keys, whatever the right table's are.
    const out: FlowInfo = derive(left, { valueType: c.valueType, keyChangedBy: null });
    return { out };
  },
  emit: ({ node, config: c, inputs }) => {
    const right = inputs['right'];
    const typeArgs = [right?.keyType ?? 'unknown', right?.valueType ?? 'unknown', c.valueType];
    const args = [ref('right'), code(c.foreignKeyExtractor), code(c.joiner), named(node.id)];
    return { calls: [call(METHODS[c.joinType], args, typeArgs)] };
  },
  recognise: (calls) => {
    const c = calls.length === 1 ? calls[0] : undefined;
    const joinType = c && (Object.keys(METHODS) as JoinType[]).find((t) => METHODS[t] === c.method);
    if (!c || !joinType) return null;
    const right = readRef(c.args[0]);
    if (right === undefined) return null;
    const lambdas = c.args.slice(1).filter((a) => readName(a) === undefined);
    if (lambdas.length !== 2) return null;
    const foreignKeyExtractor = codeArg(lambdas[0]);
    const joiner = codeArg(lambdas[1]);
    if (foreignKeyExtractor === undefined || joiner === undefined) return null;
    return {
      config: { joinType, foreignKeyExtractor, joiner, valueType: c.typeArgs[2] ?? 'unknown' },
      refs: { right },
    };
  },
  repartitions: ({ node }) => [
    `${node.id}-subscription-registration-topic`,
    `${node.id}-subscription-response-topic`,
  ],
});
