import { z } from 'zod';
import { call, code } from '../../kind/expr.js';
import { codeArg, derive, expectFlow, fn, input, named, only, readName, typesOn } from '../../kind/common.js';
import { codeField, typeField } from '../../kind/fields.js';
import { defineKind, namedInKafka, single, type KindSpec } from '../../kind/spec.js';

const processConfig = z.object({
  processor: codeField(
    'Processor',
    '() => Processor<KIn, VIn, KOut, VOut>',
    'A Processor API supplier: init(context), process(record), close(). Forward with context.forward(record).',
  ),
  keyType: typeField('Output key type'),
  valueType: typeField('Output value type'),
});
type ProcessConfig = z.infer<typeof processConfig>;

const DEFAULT_PROCESSOR = `() => {
  let context: ProcessorContext<string, string> | undefined;
  return {
    init(ctx: ProcessorContext<string, string>) {
      context = ctx;
    },
    process(record: StreamRecord<string, string>) {
      context?.forward(record);
    },
  };
}`;

const processKind = defineKind<ProcessConfig>({
  kind: 'process',
  label: 'Process (custom code)',
  group: 'Custom',
  help: 'Runs your own Processor API code: full control over forwarding, state stores, punctuation and headers.',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream'] }],
  outputs: single,
  config: processConfig,
  defaults: () => ({ processor: DEFAULT_PROCESSOR, keyType: 'string', valueType: 'string' }),
  infer: ({ node, config, inputs }) => {
    const info = input(inputs);
    return (
      expectFlow(info, ['stream'], 'Process') ?? {
        out: derive(info, {
          keyType: config.keyType,
          valueType: config.valueType,
          // Custom code may forward any key: treat it as a key change so grouping repartitions.
          keyChangedBy: info.keyChangedBy ?? node.id,
        }),
      }
    );
  },
  lambdas: ({ config, inputs }) => {
    const t = typesOn(inputs);
    return { processor: fn([], `Processor<${t.key}, ${t.value}, ${config.keyType}, ${config.valueType}>`) };
  },
  emit: ({ node, config }) => ({
    calls: [call('process', [code(config.processor), named(node.id)], [config.keyType, config.valueType])],
  }),
  recognise: (calls) => {
    const c = only(calls, 'process');
    const processor = codeArg(c?.args[0]);
    if (!c || processor === undefined || (c.args[1] && readName(c.args[1]) === undefined)) return null;
    return {
      config: { processor, keyType: c.typeArgs[0] ?? 'unknown', valueType: c.typeArgs[1] ?? 'unknown' },
      refs: {},
    };
  },
  changesKey: true,
});

// Also what the describe() importer makes of a processor it has no kind for.
export const customKinds: KindSpec[] = [
  namedInKafka(processKind, 'KSTREAM-PROCESSOR-', 'KSTREAM-PROCESSVALUES-'),
];
