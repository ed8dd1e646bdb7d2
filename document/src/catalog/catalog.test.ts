import { describe, expect, it } from 'vitest';
import { CATALOG, KIND_NAMES, configFields, palette } from './catalog.js';
import { PALETTE_GROUPS } from '../kind/spec.js';

/** Every kind DESIGN.md and issue 5 name. */
const REQUIRED = [
  'source.stream',
  'source.table',
  'source.globalTable',
  'filter',
  'filterNot',
  'map',
  'mapValues',
  'flatMap',
  'flatMapValues',
  'selectKey',
  'peek',
  'foreach',
  'branch',
  'merge',
  'repartition',
  'process',
  'groupByKey',
  'groupBy',
  'count',
  'reduce',
  'aggregate',
  'window.tumbling',
  'window.hopping',
  'window.sliding',
  'window.session',
  'suppress',
  'join.streamStream',
  'join.streamTable',
  'join.streamGlobalTable',
  'join.tableTable',
  'toStream',
  'sink.topic',
];

describe('node catalog', () => {
  it('has one entry for every kind of the design', () => {
    for (const kind of REQUIRED) expect(CATALOG.has(kind), kind).toBe(true);
    expect(new Set(KIND_NAMES).size).toBe(KIND_NAMES.length);
  });

  it('gives every kind defaults its own schema accepts, a label, help and a palette group', () => {
    for (const spec of CATALOG.values()) {
      const parsed = spec.config.safeParse(spec.defaults('node-1'));
      expect(parsed.success, `${spec.kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.help.length).toBeGreaterThan(10);
      expect(PALETTE_GROUPS).toContain(spec.group);
    }
  });

  it('lists the palette in group order with every kind once', () => {
    const groups = palette();
    expect(groups.map((g) => g.group)).toEqual([...PALETTE_GROUPS]);
    expect(groups.flatMap((g) => g.entries.map((e) => e.kind)).sort()).toEqual([...KIND_NAMES].sort());
  });

  it('describes inspector fields from the config schemas', () => {
    expect(configFields('filter')).toEqual([
      {
        name: 'predicate',
        required: true,
        label: 'Predicate',
        editor: 'code',
        signature: '(key, value) => boolean',
      },
    ]);
    expect(configFields('source.stream').find((f) => f.name === 'keySerde')?.options).toEqual([
      'string',
      'json',
      'long',
      'double',
      'bytes',
    ]);
    expect(configFields('unknown')).toEqual([]);
  });

  it('recognises exactly what it emits, for every kind', () => {
    for (const spec of CATALOG.values()) {
      const config = spec.defaults('n');
      const emission = spec.emit({
        node: { id: 'n', kind: spec.kind, position: { x: 0, y: 0 }, config },
        config,
        inputs: {},
        outputs: {},
      });
      const recognised = spec.recognise(emission.calls);
      const readings = recognised === null ? [] : Array.isArray(recognised) ? recognised : [recognised];
      expect(
        readings.map((r) => r.config),
        spec.kind,
      ).toContainEqual(config);
    }
  });

  it('gives every kind a migration for each config version below its own', () => {
    for (const spec of CATALOG.values())
      for (let v = 1; v < (spec.configVersion ?? 1); v++)
        expect(spec.configMigrations?.[v], `${spec.kind} from version ${v}`).toBeTypeOf('function');
  });
});
