import { z } from 'zod';
import type { FlowInfo } from '../../schema/flow.js';
import { call, code, readProp, readString, str, type Expr } from '../../kind/expr.js';
import { codeArg, derive, expectFlow, fn, input, named, only, readName, typesOn } from '../../kind/common.js';
import { booleanField, codeField, textField, typeField } from '../../kind/fields.js';
import { defineKind, namedInKafka, single, type InferContext, type KindSpec } from '../../kind/spec.js';

const groupByKeyConfig = z.object({});
const groupByKey = defineKind<Record<string, never>>({
  kind: 'groupByKey',
  label: 'Group by key',
  group: 'Stateful',
  help: 'Groups a stream by its current key, ahead of count, reduce, aggregate or a window.',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream'] }],
  outputs: single,
  config: groupByKeyConfig.strict() as unknown as z.ZodType<Record<string, never>>,
  defaults: () => ({}),
  infer: ({ inputs }) => {
    const info = input(inputs);
    return (
      expectFlow(info, ['stream'], 'Group by key') ?? {
        out: derive(info, { flow: 'groupedStream', keyChangedBy: null }),
      }
    );
  },
  emit: ({ node }) => ({ calls: [call('groupByKey', [named(node.id)])] }),
  recognise: (calls) => (only(calls, 'groupByKey') ? { config: {}, refs: {} } : null),
  repartitions: ({ node, inputs }) => (inputs['in']?.keyChangedBy ? [`${node.id}-repartition`] : []),
});

const groupByConfig = z.object({
  selector: codeField('Key selector', '(key, value) => newKey   (tables: (key, value) => ({ key, value }))'),
  keyType: typeField('Key type'),
  valueType: typeField('Value type', 'Tables only: the value type the selector returns').optional(),
});
type GroupByConfig = z.infer<typeof groupByConfig>;

const groupBy = defineKind<GroupByConfig>({
  kind: 'groupBy',
  label: 'Group by',
  group: 'Stateful',
  help: 'Groups by a new key (and, for tables, a new value); always repartitions through <app>-<name>-repartition.',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream', 'table'] }],
  outputs: single,
  config: groupByConfig,
  defaults: () => ({ selector: '(key, value) => value', keyType: 'string' }),
  infer: ({ config, inputs }) => {
    const info = input(inputs);
    const wrong = expectFlow(info, ['stream', 'table'], 'Group by');
    if (wrong) return wrong;
    return {
      out: derive(info, {
        flow: info.flow === 'table' ? 'groupedTable' : 'groupedStream',
        keyType: config.keyType,
        valueType: info.flow === 'table' ? (config.valueType ?? info.valueType) : info.valueType,
        windowed: false,
        keyChangedBy: null,
        partitionedLike: [],
      }),
    };
  },
  emit: ({ node, config, inputs }) => {
    const fromTable = inputs['in']?.flow === 'table';
    const types = fromTable
      ? [config.keyType, config.valueType ?? inputs['in']?.valueType ?? 'unknown']
      : [config.keyType];
    return { calls: [call('groupBy', [code(config.selector), named(node.id)], types)] };
  },
  recognise: (calls) => {
    const c = only(calls, 'groupBy');
    const selector = codeArg(c?.args[0]);
    if (!c || selector === undefined) return null;
    const config: GroupByConfig = { selector, keyType: c.typeArgs[0] ?? 'unknown' };
    if (c.typeArgs[1] !== undefined) config.valueType = c.typeArgs[1];
    return { config, refs: {} };
  },
  lambdas: ({ config, inputs }) => {
    const t = typesOn(inputs);
    const result =
      inputs['in']?.flow === 'table'
        ? `{ key: ${config.keyType}; value: ${config.valueType ?? t.value} }`
        : config.keyType;
    return {
      selector: fn(
        [
          ['key', t.key],
          ['value', t.value],
        ],
        result,
      ),
    };
  },
  repartitions: ({ node }) => [`${node.id}-repartition`],
  changesKey: true,
});

const grouped = ['groupedStream', 'groupedTable', 'windowedStream', 'sessionWindowedStream'] as const;

/** A grouped flow aggregated into a table; windowed inputs give `Windowed<K>` keys. */
const aggregated = (info: FlowInfo, valueType: string): FlowInfo => {
  const windowed = info.flow === 'windowedStream' || info.flow === 'sessionWindowedStream';
  return derive(info, {
    flow: 'table',
    keyType: windowed ? `Windowed<${info.keyType}>` : info.keyType,
    valueType,
    windowed,
  });
};

const storeNameField = textField('Store name', 'Queryable store name; defaults to the node id.').optional();
/** Materialized#withCachingDisabled as `cachingEnabled: false`; unset follows the application's record cache. */
const cachingField = booleanField(
  'Record cache',
  'Off: every update is forwarded at once, even when the application caches (cacheMaxBytes).',
).optional();
const storeOptions = (config: {
  storeName?: string | undefined;
  caching?: boolean | undefined;
}): Array<[string, Expr | undefined]> => [
  ['storeName', config.storeName === undefined ? undefined : str(config.storeName)],
  ['cachingEnabled', config.caching === undefined ? undefined : { kind: 'boolean', value: config.caching }],
];
const readStore = (opts: Expr | undefined): { storeName?: string; caching?: boolean } => {
  const s = readString(readProp(opts, 'storeName'));
  const caching = readProp(opts, 'cachingEnabled');
  return {
    ...(s === undefined ? {} : { storeName: s }),
    ...(caching?.kind === 'boolean' ? { caching: caching.value } : {}),
  };
};

const countConfig = z.object({ storeName: storeNameField, caching: cachingField });
type CountConfig = z.infer<typeof countConfig>;

const count = defineKind<CountConfig>({
  kind: 'count',
  label: 'Count',
  group: 'Stateful',
  help: 'Counts records per key (per window when windowed) into a table.',
  inputs: [{ id: 'in', label: 'in', accepts: grouped }],
  outputs: single,
  config: countConfig,
  defaults: () => ({}),
  infer: ({ inputs }) => {
    const info = input(inputs);
    return expectFlow(info, grouped, 'Count') ?? { out: aggregated(info, 'number') };
  },
  emit: ({ node, config }) => ({ calls: [call('count', [named(node.id, storeOptions(config))])] }),
  recognise: (calls) => {
    const c = only(calls, 'count');
    return c ? { config: readStore(c.args[0]), refs: {} } : null;
  },
});

const reduceConfig = z.object({
  reducer: codeField('Reducer', '(aggregate, value) => aggregate', 'Tables: the adder.'),
  subtractor: codeField(
    'Subtractor',
    '(aggregate, oldValue) => aggregate',
    'Grouped tables only.',
  ).optional(),
  storeName: storeNameField,
  caching: cachingField,
});
type ReduceConfig = z.infer<typeof reduceConfig>;

/** Grouped tables need a subtractor to retract old values; grouped streams must not have one. */
const checkSubtractor = (
  ctx: InferContext<{ subtractor?: string | undefined }>,
  info: FlowInfo,
): { error: string; field: string } | undefined => {
  if (info.flow === 'groupedTable' && ctx.config.subtractor === undefined)
    return { error: 'a grouped table needs a subtractor to retract old values', field: 'subtractor' };
  if (info.flow !== 'groupedTable' && ctx.config.subtractor !== undefined)
    return { error: 'only grouped tables take a subtractor', field: 'subtractor' };
  return undefined;
};

const reduce = defineKind<ReduceConfig>({
  kind: 'reduce',
  label: 'Reduce',
  group: 'Stateful',
  help: 'Combines the values of each key (per window when windowed) into one value of the same type.',
  inputs: [{ id: 'in', label: 'in', accepts: grouped }],
  outputs: single,
  config: reduceConfig,
  defaults: () => ({ reducer: '(aggregate, value) => value' }),
  infer: (ctx) => {
    const info = input(ctx.inputs);
    return (
      expectFlow(info, grouped, 'Reduce') ??
      checkSubtractor(ctx, info) ?? { out: aggregated(info, info.valueType) }
    );
  },
  lambdas: ({ inputs }) => {
    const { value } = typesOn(inputs);
    const reducer = fn(
      [
        ['aggregate', value],
        ['value', value],
      ],
      value,
    );
    return { reducer, subtractor: reducer };
  },
  emit: ({ node, config }) => ({
    calls: [
      call('reduce', [
        code(config.reducer),
        ...(config.subtractor !== undefined ? [code(config.subtractor)] : []),
        named(node.id, storeOptions(config)),
      ]),
    ],
  }),
  recognise: (calls) => {
    const c = only(calls, 'reduce');
    if (!c) return null;
    const fns = c.args.filter((a) => readName(a) === undefined);
    const opts = c.args.find((a) => readName(a) !== undefined);
    const reducer = codeArg(fns[0]);
    if (reducer === undefined || fns.length > 2) return null;
    const config: ReduceConfig = { reducer, ...readStore(opts) };
    const subtractor = codeArg(fns[1]);
    if (subtractor !== undefined) config.subtractor = subtractor;
    return { config, refs: {} };
  },
});

const aggregateConfig = z.object({
  initializer: codeField('Initializer', '() => initialAggregate'),
  aggregator: codeField('Aggregator', '(key, value, aggregate) => aggregate', 'Tables: the adder.'),
  subtractor: codeField(
    'Subtractor',
    '(key, oldValue, aggregate) => aggregate',
    'Grouped tables only.',
  ).optional(),
  merger: codeField('Session merger', '(key, left, right) => merged', 'Session windows only.').optional(),
  valueType: typeField('Aggregate type'),
  storeName: storeNameField,
  caching: cachingField,
});
type AggregateConfig = z.infer<typeof aggregateConfig>;

const aggregate = defineKind<AggregateConfig>({
  kind: 'aggregate',
  label: 'Aggregate',
  group: 'Stateful',
  help: 'Folds the values of each key (per window when windowed) into an aggregate of any type.',
  inputs: [{ id: 'in', label: 'in', accepts: grouped }],
  outputs: single,
  config: aggregateConfig,
  defaults: () => ({
    initializer: '() => 0',
    aggregator: '(key, value, aggregate) => aggregate + 1',
    valueType: 'number',
  }),
  infer: (ctx) => {
    const info = input(ctx.inputs);
    const wrong = expectFlow(info, grouped, 'Aggregate') ?? checkSubtractor(ctx, info);
    if (wrong) return wrong;
    if (info.flow === 'sessionWindowedStream' && ctx.config.merger === undefined)
      return { error: 'session windows need a merger to combine sessions', field: 'merger' };
    if (info.flow !== 'sessionWindowedStream' && ctx.config.merger !== undefined)
      return { error: 'only session windows take a merger', field: 'merger' };
    return { out: aggregated(info, ctx.config.valueType) };
  },
  lambdas: ({ config, inputs }) => {
    const t = typesOn(inputs);
    const a = config.valueType;
    const aggregator = fn(
      [
        ['key', t.key],
        ['value', t.value],
        ['aggregate', a],
      ],
      a,
    );
    return {
      initializer: fn([], a),
      aggregator,
      subtractor: aggregator,
      merger: fn(
        [
          ['key', t.key],
          ['left', a],
          ['right', a],
        ],
        a,
      ),
    };
  },
  emit: ({ node, config }) => ({
    calls: [
      call(
        'aggregate',
        [
          code(config.initializer),
          code(config.aggregator),
          ...(config.subtractor !== undefined ? [code(config.subtractor)] : []),
          ...(config.merger !== undefined ? [code(config.merger)] : []),
          named(node.id, storeOptions(config)),
        ],
        [config.valueType],
      ),
    ],
  }),
  recognise: (calls) => {
    const c = only(calls, 'aggregate');
    if (!c) return null;
    const fns = c.args.filter((a) => readName(a) === undefined);
    const opts = c.args.find((a) => readName(a) !== undefined);
    const initializer = codeArg(fns[0]);
    const aggregator = codeArg(fns[1]);
    if (initializer === undefined || aggregator === undefined || fns.length > 3) return null;
    const config: AggregateConfig = {
      initializer,
      aggregator,
      valueType: c.typeArgs[0] ?? 'unknown',
      ...readStore(opts),
    };
    // A third lambda is a subtractor (grouped tables) or a merger (session windows): the code alone cannot
    // tell, so both readings are offered and the input flow decides.
    const third = codeArg(fns[2]);
    if (third !== undefined)
      return [
        { config: { ...config, subtractor: third }, refs: {} },
        { config: { ...config, merger: third }, refs: {} },
      ];
    return { config, refs: {} };
  },
});

const suppressConfig = z.object({
  until: z
    .enum(['windowCloses'])
    .meta({ label: 'Emit', editor: 'select', help: 'Only final results per window' }),
});
type SuppressConfig = z.infer<typeof suppressConfig>;

const suppress = defineKind<SuppressConfig>({
  kind: 'suppress',
  label: 'Suppress',
  group: 'Windows',
  help: 'Holds back the updates of a windowed table and emits one final result when each window closes.',
  inputs: [{ id: 'in', label: 'in', accepts: ['table'] }],
  outputs: single,
  config: suppressConfig,
  defaults: () => ({ until: 'windowCloses' }),
  infer: ({ inputs }) => {
    const info = input(inputs);
    const wrong = expectFlow(info, ['table'], 'Suppress');
    if (wrong) return wrong;
    if (!info.windowed)
      return { error: 'suppress until the window closes needs a windowed aggregation upstream' };
    return { out: info };
  },
  // Kafka names a suppression through the Suppressed config (`.withName`), not an options object.
  emit: ({ node }) => ({
    calls: [
      call('suppress', [
        {
          kind: 'call',
          root: 'Suppressed',
          calls: [call('untilWindowCloses'), call('withName', [str(node.id)])],
        },
      ]),
    ],
  }),
  recognise: (calls) => {
    const c = only(calls, 'suppress');
    const arg = c?.args[0];
    if (arg?.kind !== 'call' || arg.root !== 'Suppressed' || arg.calls[0]?.method !== 'untilWindowCloses')
      return null;
    if (arg.calls.some((x, i) => i > 0 && x.method !== 'withName')) return null;
    return { config: { until: 'windowCloses' }, refs: {} };
  },
});

export const statefulKinds: KindSpec[] = [
  { ...groupByKey, grouping: 'byKey' },
  { ...namedInKafka(groupBy, 'KSTREAM-KEY-SELECT-'), grouping: 'bySelectedKey' },
  // describe() cannot tell a count from an aggregate: both are AGGREGATE processors; count needs no code.
  namedInKafka(count, 'KSTREAM-AGGREGATE-', 'KTABLE-AGGREGATE-'),
  namedInKafka(reduce, 'KSTREAM-REDUCE-', 'KTABLE-REDUCE-'),
  aggregate,
];
export const suppressKind: KindSpec = namedInKafka(suppress, 'KTABLE-SUPPRESS-');
