import { z } from 'zod';
import type { FlowKind } from '../../schema/flow.js';
import { call, num, options, readNumber, readProp, readString, str } from '../../kind/expr.js';
import { codeArg, fn, named, optionalCode, only } from '../../kind/common.js';
import { codeField, historyRetentionField, textField, typeField } from '../../kind/fields.js';
import { readSerde, serdeExpr, serdeField, serdeType, type SerdeName } from '../../kind/serdes.js';
import { defineKind, namedInKafka, single, type KindSpec } from '../../kind/spec.js';

const sourceConfig = z.object({
  topic: textField('Topic'),
  keySerde: serdeField('Key serde'),
  keyType: typeField('Key type', 'The record type for a json key serde').optional(),
  valueSerde: serdeField('Value serde'),
  valueType: typeField('Value type', 'The record type for a json value serde').optional(),
  timestampExtractor: codeField(
    'Timestamp extractor',
    '(key, value, recordTimestamp: number, partitionTime: number) => number',
    'Event time of a record; defaults to the record timestamp.',
  ).optional(),
  storeName: textField(
    'Store name',
    'Materializes the table under this name (interactive queries).',
  ).optional(),
});
// Tables may also be versioned (global tables cannot be, as in Kafka).
const tableConfig = sourceConfig.extend({ historyRetentionMs: historyRetentionField().optional() });
type SourceConfig = z.infer<typeof tableConfig>;

const typesOf = (c: SourceConfig): [string, string] => [
  serdeType(c.keySerde, c.keyType),
  serdeType(c.valueSerde, c.valueType),
];

/** The three sources differ only in the builder method, the flow they produce and whether they materialize. */
function sourceKind(
  kind: string,
  method: string,
  flow: FlowKind,
  label: string,
  help: string,
  versionable = false,
): KindSpec {
  // A stream is not materialized: it offers no store name.
  const config = (
    versionable ? tableConfig : flow === 'stream' ? sourceConfig.omit({ storeName: true }) : sourceConfig
  ) as z.ZodType<SourceConfig>;
  const spec: KindSpec<SourceConfig> = {
    kind,
    label,
    group: 'Sources',
    help,
    inputs: [],
    outputs: single,
    endpoint: 'source',
    config,
    defaults: (id) => ({ topic: id, keySerde: 'string', valueSerde: 'string' }),
    infer: ({ config }) => {
      const [keyType, valueType] = typesOf(config);
      return {
        out: {
          flow,
          keyType,
          valueType,
          windowed: false,
          keyChangedBy: null,
          partitionedLike: [config.topic],
          partitions: null,
          keySerde: config.keySerde,
          valueSerde: config.valueSerde,
        },
      };
    },
    // The runtime's TimestampExtractor sees raw records, before they are typed by the node.
    lambdas: () => ({
      timestampExtractor: fn(
        [
          ['key', 'unknown'],
          ['value', 'unknown'],
          ['recordTimestamp', 'number'],
          ['partitionTime', 'number'],
        ],
        'number',
      ),
    }),
    emit: ({ node, config }) => ({
      calls: [
        call(
          method,
          [
            str(config.topic),
            named(node.id, [
              ['keySerde', serdeExpr(config.keySerde, config.keyType)],
              ['valueSerde', serdeExpr(config.valueSerde, config.valueType)],
              ['timestampExtractor', optionalCode(config.timestampExtractor)],
              ['storeName', config.storeName === undefined ? undefined : str(config.storeName)],
              [
                'versioned',
                config.historyRetentionMs === undefined
                  ? undefined
                  : options([['historyRetentionMs', num(config.historyRetentionMs)]]),
              ],
            ]),
          ],
          typesOf(config),
        ),
      ],
    }),
    recognise: (calls) => {
      const c = only(calls, method);
      const topic = readString(c?.args[0]);
      if (!c || topic === undefined) return null;
      const opts = c.args[1];
      const key = readSerde(readProp(opts, 'keySerde'));
      const value = readSerde(readProp(opts, 'valueSerde'));
      const config: SourceConfig = {
        topic,
        ...serdeConfig('key', key, c.typeArgs[0]),
        ...serdeConfig('value', value, c.typeArgs[1]),
      } as SourceConfig;
      const extractor = codeArg(readProp(opts, 'timestampExtractor'));
      if (extractor !== undefined) config.timestampExtractor = extractor;
      const storeName = readString(readProp(opts, 'storeName'));
      if (storeName !== undefined && flow !== 'stream') config.storeName = storeName;
      const versioned = readProp(opts, 'versioned');
      if (versioned !== undefined) {
        const historyRetentionMs = readNumber(readProp(versioned, 'historyRetentionMs'));
        if (!versionable || historyRetentionMs === undefined) return null;
        config.historyRetentionMs = historyRetentionMs;
      }
      return { config, refs: {} };
    },
  };
  return defineKind(spec);
}

/** Serde and type of one side; a json serde without a type argument falls back to the generic argument. */
function serdeConfig(
  side: 'key' | 'value',
  read: { serde: SerdeName; type?: string } | undefined,
  typeArg: string | undefined,
): Record<string, string> {
  const serde =
    read?.serde ?? (typeArg === 'number' ? 'long' : typeArg === 'string' || !typeArg ? 'string' : 'json');
  const out: Record<string, string> = { [`${side}Serde`]: serde };
  const type = read?.type ?? (serde === 'json' ? typeArg : undefined);
  if (type !== undefined) out[`${side}Type`] = type;
  return out;
}

// describe() shows a table source as a Source followed by its KTABLE-SOURCE processor.
export const sourceKinds: KindSpec[] = [
  namedInKafka(
    sourceKind(
      'source.stream',
      'stream',
      'stream',
      'Stream',
      'Reads a topic as a KStream: every record is an independent event.',
    ),
    'KSTREAM-SOURCE-',
  ),
  namedInKafka(
    sourceKind(
      'source.table',
      'table',
      'table',
      'Table',
      'Reads a topic as a KTable: the latest value per key, a changelog of updates.',
      true,
    ),
    'KTABLE-SOURCE-',
  ),
  sourceKind(
    'source.globalTable',
    'globalTable',
    'globalTable',
    'Global table',
    'Reads a whole topic into every instance (GlobalKTable), for joins by a looked-up key without repartitioning.',
  ),
];
