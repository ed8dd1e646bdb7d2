import { describe, expect, it } from 'vitest';
import { getKind } from '../catalog/catalog.js';
import type { KindSpec } from '../kind/spec.js';
import { doc } from '../testing/documents.js';
import { kindVersionsOf, migrateConfigs } from './kind-migrations.js';
import { loadDocument, serializeDocument } from './serialize.js';

// A filter whose config went through two shape changes: v1 called the predicate `test`, v2 `when`, v3 is
// today's `predicate` (with the code trimmed). Only this kind is affected; other kinds keep version 1.
const filter = getKind('filter') as KindSpec;
const evolved: KindSpec = {
  ...filter,
  configVersion: 3,
  configMigrations: {
    1: ({ test, ...rest }) => ({ ...rest, when: test }),
    2: ({ when, ...rest }) => ({ ...rest, predicate: typeof when === 'string' ? when.trim() : when }),
  },
};
const lookup = (kind: string) => (kind === 'filter' ? evolved : getKind(kind));

describe('kind config migrations', () => {
  it('brings an old config up through each of its kind’s steps', () => {
    const nodes = [
      { id: 'f', kind: 'filter', config: { test: ' (k, v) => v > 1 ' } },
      { id: 's', kind: 'source.stream', config: { topic: 'in', keySerde: 'string', valueSerde: 'long' } },
    ];
    expect(migrateConfigs(nodes, {}, lookup)).toEqual({
      nodes: [
        { id: 'f', kind: 'filter', config: { predicate: '(k, v) => v > 1' } },
        { id: 's', kind: 'source.stream', config: { topic: 'in', keySerde: 'string', valueSerde: 'long' } },
      ],
    });
  });

  it('starts from the version the document recorded for the kind', () => {
    const nodes = [{ id: 'f', kind: 'filter', config: { when: 'p' } }];
    expect(migrateConfigs(nodes, { filter: 2 }, lookup)).toEqual({
      nodes: [{ id: 'f', kind: 'filter', config: { predicate: 'p' } }],
    });
    const current = [{ id: 'f', kind: 'filter', config: { predicate: 'p' } }];
    expect(migrateConfigs(current, { filter: 3 }, lookup)).toEqual({ nodes: current });
  });

  it('refuses a config newer than its kind, or a version with no step, naming the node', () => {
    const nodes = [{ id: 'f', kind: 'filter', config: {} }];
    expect(migrateConfigs(nodes, { filter: 4 }, lookup)).toEqual({
      problems: [
        {
          severity: 'error',
          code: 'config.version',
          message: 'Filter config version 4 is newer than this Topograph understands (3)',
          nodeId: 'f',
        },
      ],
    });
    const gap: KindSpec = { ...evolved, configMigrations: { 2: (c) => c } };
    expect(migrateConfigs(nodes, {}, () => gap)).toMatchObject({
      problems: [{ message: 'Filter has no config migration from version 1', nodeId: 'f' }],
    });
  });

  it('records only kinds past version 1, so today’s documents serialize as before', () => {
    expect(kindVersionsOf(['source.stream', 'filter', 'filter'], lookup)).toEqual({ filter: 3 });
    expect(kindVersionsOf(['source.stream', 'filter'], getKind)).toEqual({});
    const d = doc([{ id: 'f', kind: 'filter', config: { predicate: 'p' } }], []);
    expect(serializeDocument(d)).not.toContain('kindVersions');
  });

  it('loads a document whose kind versions it knows, and refuses one from a newer Topograph', () => {
    const text = serializeDocument(doc([{ id: 'f', kind: 'filter', config: { predicate: 'p' } }], []));
    const stored = JSON.parse(text) as Record<string, unknown>;
    expect(loadDocument({ ...stored, kindVersions: { filter: 1 } }).document).toEqual(
      loadDocument(text).document,
    );
    expect(loadDocument({ ...stored, kindVersions: { filter: 2 } }).problems).toMatchObject([
      { code: 'config.version', nodeId: 'f' },
    ]);
  });
});
