import { z } from 'zod';
import { flowSerde, type FlowInfo } from '../../schema/flow.js';
import { call, code, readProp, readString, str } from '../../kind/expr.js';
import { codeArg, expectFlow, fn, input, named, only, typesOn } from '../../kind/common.js';
import { codeField, textField, typeField } from '../../kind/fields.js';
import { inheritedSerdeField, readSerde, serdeExpr } from '../../kind/serdes.js';
import { defineKind, namedInKafka, none, type KindSpec } from '../../kind/spec.js';

const NO_OUTPUTS: Record<string, FlowInfo> = {};

const sinkConfig = z.object({
  topic: textField('Topic', 'Ignored when a topic extractor is set'),
  topicExtractor: codeField(
    'Topic extractor',
    '(key, value) => topic',
    'Chooses the topic per record.',
  ).optional(),
  keySerde: inheritedSerdeField('Key serde'),
  keyType: typeField('Key type', 'For a json key serde').optional(),
  valueSerde: inheritedSerdeField('Value serde'),
  valueType: typeField('Value type', 'For a json value serde').optional(),
});
type SinkConfig = z.infer<typeof sinkConfig>;

const sinkTopic = defineKind<SinkConfig>({
  kind: 'sink.topic',
  label: 'To topic',
  group: 'Sinks',
  help: 'Writes the stream to a topic (or to a topic chosen per record).',
  inputs: [{ id: 'in', label: 'in', accepts: ['stream'] }],
  outputs: none,
  endpoint: 'sink',
  // A sink named `topic` reads wrong as a processor name.
  idBase: 'to-topic',
  config: sinkConfig,
  // No serdes: the sink writes with the serdes the records were read with, or ones that fit their types (a
  // default of `string` silently wrote JSON values as empty strings).
  defaults: (id) => ({ topic: id }),
  infer: ({ inputs }) => expectFlow(input(inputs), ['stream'], 'To topic') ?? NO_OUTPUTS,
  lambdas: ({ inputs }) => {
    const t = typesOn(inputs);
    return {
      topicExtractor: fn(
        [
          ['key', t.key],
          ['value', t.value],
          [
            'context',
            '{ topic: string | null; partition: number; offset: number; timestamp: number; headers: Map<string, Uint8Array | string> }',
          ],
        ],
        'string',
      ),
    };
  },
  // A json serde without a declared type writes the incoming flow's type.
  emit: ({ node, config, inputs }) => ({
    calls: [
      call('to', [
        config.topicExtractor !== undefined ? code(config.topicExtractor) : str(config.topic),
        named(node.id, [
          [
            'keySerde',
            serdeExpr(
              config.keySerde ?? flowSerde(inputs['in'], 'key'),
              config.keyType ?? inputs['in']?.keyType,
            ),
          ],
          [
            'valueSerde',
            serdeExpr(
              config.valueSerde ?? flowSerde(inputs['in'], 'value'),
              config.valueType ?? inputs['in']?.valueType,
            ),
          ],
        ]),
      ]),
    ],
  }),
  recognise: (calls) => {
    const c = only(calls, 'to');
    if (!c || c.args.length < 1) return null;
    const topic = readString(c.args[0]);
    const opts = c.args[1];
    const key = readSerde(readProp(opts, 'keySerde'));
    const value = readSerde(readProp(opts, 'valueSerde'));
    const config: SinkConfig = { topic: topic ?? '' };
    if (key) config.keySerde = key.serde;
    if (value) config.valueSerde = value.serde;
    if (topic === undefined) {
      config.topicExtractor = codeArg(c.args[0]) ?? '';
      config.topic = 'dynamic';
    }
    if (key?.type !== undefined) config.keyType = key.type;
    if (value?.type !== undefined) config.valueType = value.type;
    // The serdes may be the sink's own or the ones it inherits (which the code spells out): the parser takes
    // them as its own; a re-import keeps a document's unset serdes where the code reads the same.
    if (!key || !value) return { config, refs: {} };
    const { keySerde: _k, valueSerde: _v, keyType: _kt, valueType: _vt, ...inherited } = config;
    return [
      { config, refs: {} },
      { config: inherited, refs: {} },
    ];
  },
});

export const sinkKinds: KindSpec[] = [namedInKafka(sinkTopic, 'KSTREAM-SINK-')];
