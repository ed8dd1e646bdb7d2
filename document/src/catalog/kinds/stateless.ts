import { z } from 'zod';
import { call, num, readNumber, readProp, ref, str, readRef } from '../../kind/expr.js';
import { derive, expectFlow, fn, input, named, only, readName, codeArg, typesOn } from '../../kind/common.js';
import { codeField, countField, textField } from '../../kind/fields.js';
import { defineKind, namedInKafka, single, type KindSpec, type OutputPort } from '../../kind/spec.js';
import { lambdaKind } from './lambda-kind.js';

const streamOrTable = ['stream', 'table'] as const;

const filter = lambdaKind({
  kind: 'filter',
  method: 'filter',
  label: 'Filter',
  help: 'Keeps the records for which the predicate is true.',
  accepts: streamOrTable,
  field: 'predicate',
  fieldLabel: 'Predicate',
  signature: '(key, value) => boolean',
  defaultCode: '(key, value) => value !== null',
  result: () => 'boolean',
  produces: 'nothing',
});

const filterNot = lambdaKind({
  kind: 'filterNot',
  method: 'filterNot',
  label: 'Filter not',
  help: 'Drops the records for which the predicate is true.',
  accepts: streamOrTable,
  field: 'predicate',
  fieldLabel: 'Predicate',
  signature: '(key, value) => boolean',
  defaultCode: '(key, value) => value === null',
  result: () => 'boolean',
  produces: 'nothing',
});

const map = lambdaKind({
  kind: 'map',
  method: 'map',
  label: 'Map',
  help: 'Turns each record into a new key and value. Changing the key repartitions before grouping or joining.',
  accepts: ['stream'],
  field: 'mapper',
  fieldLabel: 'Mapper',
  signature: '(key, value) => ({ key, value })',
  defaultCode: '(key, value) => ({ key, value })',
  result: (d) => `{ key: ${d.key}; value: ${d.value} }`,
  produces: 'keyValue',
});

const mapValues = lambdaKind({
  kind: 'mapValues',
  method: 'mapValues',
  label: 'Map values',
  help: 'Turns each value into a new value; the key (and so the partitioning) is kept.',
  accepts: streamOrTable,
  field: 'mapper',
  fieldLabel: 'Mapper',
  signature: '(value, key) => newValue',
  defaultCode: '(value) => value',
  result: (d) => d.value,
  produces: 'value',
});

const flatMap = lambdaKind({
  kind: 'flatMap',
  method: 'flatMap',
  label: 'Flat map',
  help: 'Turns each record into zero or more records with new keys and values.',
  accepts: ['stream'],
  field: 'mapper',
  fieldLabel: 'Mapper',
  signature: '(key, value) => Iterable<{ key, value }>',
  defaultCode: '(key, value) => [{ key, value }]',
  result: (d) => `Iterable<{ key: ${d.key}; value: ${d.value} }>`,
  produces: 'keyValue',
});

const flatMapValues = lambdaKind({
  kind: 'flatMapValues',
  method: 'flatMapValues',
  label: 'Flat map values',
  help: 'Turns each value into zero or more values under the same key.',
  accepts: ['stream'],
  field: 'mapper',
  fieldLabel: 'Mapper',
  signature: '(value, key) => Iterable<newValue>',
  defaultCode: '(value) => [value]',
  result: (d) => `Iterable<${d.value}>`,
  produces: 'value',
});

const selectKey = lambdaKind({
  kind: 'selectKey',
  method: 'selectKey',
  label: 'Select key',
  help: 'Computes a new key for each record. Grouping or joining afterwards repartitions.',
  accepts: ['stream'],
  field: 'mapper',
  fieldLabel: 'Key selector',
  signature: '(key, value) => newKey',
  defaultCode: '(key, value) => key',
  result: (d) => d.key,
  produces: 'key',
});

const peek = lambdaKind({
  kind: 'peek',
  method: 'peek',
  label: 'Peek',
  help: 'Runs an action for each record (logging, metrics) and passes the record on unchanged.',
  accepts: ['stream'],
  field: 'action',
  fieldLabel: 'Action',
  signature: '(key, value) => void',
  defaultCode: '(key, value) => console.log(key, value)',
  result: () => 'void',
  produces: 'nothing',
});

const foreach = lambdaKind({
  kind: 'foreach',
  method: 'foreach',
  label: 'For each',
  help: 'Runs an action for each record; ends the flow.',
  group: 'Sinks',
  accepts: ['stream'],
  field: 'action',
  fieldLabel: 'Action',
  signature: '(key, value) => void',
  defaultCode: '(key, value) => console.log(key, value)',
  result: () => 'void',
  produces: 'nothing',
  terminal: true,
});

const branchConfig = z.object({
  branches: z
    .array(
      z.object({
        name: textField('Branch name'),
        predicate: codeField('Predicate', '(key, value) => boolean'),
      }),
    )
    .min(1, 'a split needs at least one branch')
    .meta({ label: 'Branches', editor: 'list' }),
  defaultBranch: textField(
    'Default branch',
    'Records matching no predicate go here; leave empty to drop them.',
  )
    .optional()
    .meta({ label: 'Default branch', editor: 'text' }),
});
type BranchConfig = z.infer<typeof branchConfig>;

/** Branch output handles are the branch names; downstream code reads them from the map `split()` returns. */
const branchOutputs = (c: BranchConfig): OutputPort[] => [
  ...c.branches.map((b) => ({ id: b.name, label: b.name })),
  ...(c.defaultBranch !== undefined ? [{ id: c.defaultBranch, label: c.defaultBranch }] : []),
];

/** The split's name prefix: Kafka Streams keys the branch map by prefix + branch name. */
const branchPrefix = (id: string): string => `${id}-`;

const branch = defineKind<BranchConfig>({
  kind: 'branch',
  label: 'Branch',
  group: 'Stateless',
  help: 'Splits a stream: each record goes to the first branch whose predicate matches (split().branch()).',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream'] }],
  outputs: branchOutputs,
  outputMap: { prefix: branchPrefix, idOfName: (name) => name.replace(/-$/, '') },
  // Kafka Streams names each branch's processor prefix + branch name.
  extraNames: (id, config) =>
    branchOutputs(config).map((p) => ({
      name: branchPrefix(id) + p.id,
      what: `branch "${p.id}"`,
      field: 'branches',
    })),
  config: branchConfig,
  defaults: () => ({
    branches: [{ name: 'matched', predicate: '(key, value) => true' }],
    defaultBranch: 'other',
  }),
  infer: ({ config, inputs }) => {
    const info = input(inputs);
    const wrong = expectFlow(info, ['stream'], 'Branch');
    if (wrong) return wrong;
    const names = branchOutputs(config).map((p) => p.id);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) return { error: `branch name "${dup}" is used twice`, field: 'branches' };
    return Object.fromEntries(names.map((n) => [n, info]));
  },
  lambdas: ({ config, inputs }) => {
    const t = typesOn(inputs);
    return Object.fromEntries(
      config.branches.map((_, i) => [
        `branches.${i}.predicate`,
        fn(
          [
            ['key', t.key],
            ['value', t.value],
          ],
          'boolean',
        ),
      ]),
    );
  },
  emit: ({ node, config }) => ({
    calls: [
      call('split', [{ kind: 'object', props: [['name', str(branchPrefix(node.id))]] }]),
      ...config.branches.map((b) => call('branch', [{ kind: 'code', text: b.predicate }, named(b.name)])),
      // Either end gives the branch map downstream nodes read; a split left open would give none.
      config.defaultBranch !== undefined
        ? call('defaultBranch', [named(config.defaultBranch)])
        : call('noDefaultBranch'),
    ],
  }),
  recognise: (calls) => {
    const [split, ...rest] = calls;
    if (split?.method !== 'split') return null;
    const config: BranchConfig = { branches: [] };
    for (const c of rest) {
      if (c.method === 'branch') {
        const predicate = codeArg(c.args[0]);
        const name = readName(c.args[1]);
        if (predicate === undefined || name === undefined) return null;
        config.branches.push({ name, predicate });
      } else if (c.method === 'defaultBranch') {
        const name = readName(c.args[0]);
        if (name === undefined) return null;
        config.defaultBranch = name;
      } else if (c.method !== 'noDefaultBranch') {
        return null;
      }
    }
    return { config, refs: {} };
  },
});

const merge = defineKind<Record<string, never>>({
  kind: 'merge',
  label: 'Merge',
  group: 'Stateless',
  help: 'Interleaves two streams of the same key and value types into one.',
  inputs: [
    { id: 'in', label: 'in', accepts: ['stream'] },
    { id: 'other', label: 'other', accepts: ['stream'] },
  ],
  outputs: single,
  config: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  defaults: () => ({}),
  infer: ({ inputs }) => {
    const a = input(inputs);
    const b = input(inputs, 'other');
    const wrong = expectFlow(a, ['stream'], 'Merge') ?? expectFlow(b, ['stream'], 'Merge');
    if (wrong) return wrong;
    return {
      out: derive(a, {
        keyChangedBy: a.keyChangedBy ?? b.keyChangedBy,
        partitionedLike: [...a.partitionedLike, ...b.partitionedLike],
      }),
    };
  },
  emit: ({ node }) => ({ calls: [call('merge', [ref('other'), named(node.id)])] }),
  recognise: (calls) => {
    const c = only(calls, 'merge');
    const other = readRef(c?.args[0]);
    return c && other !== undefined ? { config: {}, refs: { other } } : null;
  },
});

const repartitionConfig = z.object({
  numberOfPartitions: countField('Partitions', 'Partition count of the repartition topic').optional(),
});
type RepartitionConfig = z.infer<typeof repartitionConfig>;

const repartition = defineKind<RepartitionConfig>({
  kind: 'repartition',
  label: 'Repartition',
  group: 'Stateless',
  help: 'Writes the stream through a repartition topic (<app>-<name>-repartition) so it is partitioned by its current key.',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream'] }],
  outputs: single,
  config: repartitionConfig,
  defaults: () => ({}),
  infer: ({ node, config, inputs }) => {
    const info = input(inputs);
    const wrong = expectFlow(info, ['stream'], 'Repartition');
    if (wrong) return wrong;
    return {
      out: derive(info, {
        keyChangedBy: null,
        partitionedLike: [`${node.id}-repartition`],
        partitions: config.numberOfPartitions ?? null,
      }),
    };
  },
  emit: ({ node, config }) => ({
    calls: [
      call('repartition', [
        named(node.id, [
          [
            'numberOfPartitions',
            config.numberOfPartitions === undefined ? undefined : num(config.numberOfPartitions),
          ],
        ]),
      ]),
    ],
  }),
  recognise: (calls) => {
    const c = only(calls, 'repartition');
    if (!c) return null;
    const n = readNumber(readProp(c.args[0], 'numberOfPartitions'));
    return { config: n === undefined ? {} : { numberOfPartitions: n }, refs: {} };
  },
});

const toStream = defineKind<Record<string, never>>({
  kind: 'toStream',
  label: 'To stream',
  group: 'Stateless',
  help: "Turns a table's updates into a stream of change events.",
  inputs: [{ id: 'in', label: 'in', accepts: ['table'] }],
  outputs: single,
  config: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  defaults: () => ({}),
  infer: ({ inputs }) => {
    const info = input(inputs);
    return expectFlow(info, ['table'], 'To stream') ?? { out: derive(info, { flow: 'stream' }) };
  },
  emit: ({ node }) => ({ calls: [call('toStream', [named(node.id)])] }),
  recognise: (calls) => (only(calls, 'toStream') ? { config: {}, refs: {} } : null),
});

export const statelessKinds: KindSpec[] = [
  namedInKafka(filter, 'KSTREAM-FILTER-', 'KTABLE-FILTER-'),
  filterNot,
  namedInKafka(map, 'KSTREAM-MAP-'),
  namedInKafka(mapValues, 'KSTREAM-MAPVALUES-', 'KTABLE-MAPVALUES-'),
  namedInKafka(flatMap, 'KSTREAM-FLATMAP-'),
  namedInKafka(flatMapValues, 'KSTREAM-FLATMAPVALUES-'),
  namedInKafka(selectKey, 'KSTREAM-KEY-SELECT-'),
  { ...namedInKafka(peek, 'KSTREAM-PEEK-'), tapField: 'action' },
  branch,
  namedInKafka(merge, 'KSTREAM-MERGE-'),
  repartition,
  namedInKafka(toStream, 'KTABLE-TOSTREAM-'),
];
export const terminalLambdaKinds: KindSpec[] = [namedInKafka(foreach, 'KSTREAM-FOREACH-')];
