import { describe, expect, it } from 'vitest';
import { canConnect } from './connect.js';
import { repartitionMarkers, validateDocument } from './validate.js';
import { doc, stringSource } from '../testing/documents.js';
import type { Problem } from '../schema/problem.js';

const problemsOf = (d: ReturnType<typeof doc>): Problem[] => validateDocument(d).problems;
const only = (d: ReturnType<typeof doc>, code: string): Problem[] =>
  problemsOf(d).filter((p) => p.code === code);

const counted = (...edges: Array<[string, string]>) =>
  doc(
    [stringSource('in'), { id: 'g', kind: 'groupByKey', config: {} }, { id: 'c', kind: 'count', config: {} }],
    edges,
  );

describe('validation', () => {
  it('accepts a well-formed topology with no problems', () => {
    expect(problemsOf(counted(['in', 'g'], ['g', 'c']))).toEqual([]);
  });

  it('reports a dangling edge with its edge id', () => {
    const p = only(counted(['in', 'g'], ['g', 'c'], ['c', 'ghost']), 'edge.dangling');
    expect(p).toEqual([
      expect.objectContaining({ edgeId: 'e3', nodeId: 'c', message: expect.stringContaining('ghost') }),
    ]);
  });

  it('reports duplicate edges and duplicate edge ids', () => {
    const d = counted(['in', 'g'], ['g', 'c'], ['in', 'g']);
    expect(only(d, 'edge.duplicate')).toHaveLength(1);
    d.edges[1]!.id = 'e1';
    expect(only(d, 'edge.duplicateId')).toHaveLength(1);
  });

  it('reports cycles on every node of the cycle', () => {
    const d = doc(
      [
        stringSource('in'),
        { id: 'a', kind: 'merge', config: {} },
        { id: 'b', kind: 'peek', config: { action: '() => {}' } },
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'a', undefined, 'other'],
      ],
    );
    expect(
      only(d, 'graph.cycle')
        .map((p) => p.nodeId)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('refuses the wrong kind of flow into a port, naming both', () => {
    const d = doc([stringSource('in'), { id: 'c', kind: 'count', config: {} }], [['in', 'c']]);
    expect(only(d, 'flow.mismatch')[0]).toMatchObject({
      nodeId: 'c',
      message: expect.stringMatching(/KGroupedStream.*not a KStream/),
    });
  });

  it('reports missing and invalid config with the field', () => {
    const d = doc(
      [
        stringSource('in'),
        { id: 'f', kind: 'filter', config: {} },
        { id: 'w', kind: 'window.tumbling', config: { sizeMs: -5 } },
      ],
      [['in', 'f']],
    );
    const config = only(d, 'config.invalid');
    expect(config).toContainEqual(expect.objectContaining({ nodeId: 'f', field: 'predicate' }));
    expect(config).toContainEqual(
      expect.objectContaining({ nodeId: 'w', field: 'sizeMs', message: expect.stringMatching(/positive/) }),
    );
  });

  it('reports unconnected inputs and unknown kinds', () => {
    const d = doc(
      [
        { id: 'f', kind: 'filter', config: { predicate: '() => true' } },
        { id: 'x', kind: 'nope', config: {} },
      ],
      [],
    );
    expect(only(d, 'input.missing')[0]?.nodeId).toBe('f');
    expect(only(d, 'node.kind')[0]?.nodeId).toBe('x');
  });

  it('refuses two sources on one topic', () => {
    const d = doc([stringSource('a', 't'), stringSource('b', 't')], []);
    expect(only(d, 'source.duplicateTopic')[0]).toMatchObject({ nodeId: 'b', field: 'topic' });
  });

  it('refuses joins whose inputs are not co-partitioned', () => {
    const d = doc(
      [
        stringSource('orders'),
        stringSource('customers', 'customers', 'source.table'),
        {
          id: 'j',
          kind: 'join.streamTable',
          config: { joinType: 'inner', joiner: '(o, c) => o + c', valueType: 'string' },
        },
      ],
      [
        ['orders', 'j'],
        ['customers', 'j', undefined, 'right'],
      ],
      { settings: { topics: { orders: { partitions: 4 }, customers: { partitions: 6 } } } },
    );
    expect(only(d, 'join.copartition')[0]).toMatchObject({
      nodeId: 'j',
      message: expect.stringMatching(/orders has 4.*customers has 6/),
    });
    d.settings.topics!['customers'] = { partitions: 4 };
    expect(only(d, 'join.copartition')).toEqual([]);
  });

  it('notes the repartition topic a key change before grouping or joining creates', () => {
    const d = doc(
      [
        stringSource('in'),
        { id: 'rekey', kind: 'selectKey', config: { mapper: '(k, v) => v', keyType: 'string' } },
        { id: 'grouped', kind: 'groupByKey', config: {} },
        { id: 'c', kind: 'count', config: {} },
      ],
      [
        ['in', 'rekey'],
        ['rekey', 'grouped'],
        ['grouped', 'c'],
      ],
    );
    expect(only(d, 'repartition')).toEqual([
      {
        severity: 'note',
        code: 'repartition',
        message: 'will repartition through app-grouped-repartition',
        nodeId: 'grouped',
      },
    ]);
    expect(repartitionMarkers(d)).toEqual([{ nodeId: 'grouped', topic: 'app-grouped-repartition' }]);
    // Without the key change there is nothing to repartition.
    const direct = counted(['in', 'g'], ['g', 'c']);
    expect(only(direct, 'repartition')).toEqual([]);
  });

  it('refuses processor and store names that collide', () => {
    const d = doc(
      [
        stringSource('in'),
        { id: 'route', kind: 'branch', config: { branches: [{ name: 'a', predicate: '() => true' }] } },
        { id: 'route-a', kind: 'peek', config: { action: '() => {}' } },
        { id: 'g1', kind: 'groupByKey', config: {} },
        { id: 'c1', kind: 'count', config: { storeName: 's' } },
        { id: 'g2', kind: 'groupByKey', config: {} },
        { id: 'c2', kind: 'count', config: { storeName: 's' } },
      ],
      [
        ['in', 'route'],
        ['route', 'route-a', 'a', undefined],
        ['in', 'g1'],
        ['g1', 'c1'],
        ['route-a', 'g2'],
        ['g2', 'c2'],
      ],
    );
    expect(only(d, 'name.collision')[0]).toMatchObject({ nodeId: 'route', field: 'branches' });
    expect(only(d, 'name.store')[0]).toMatchObject({ nodeId: 'c2', field: 'storeName' });
  });

  it('warns about sample records and expectations for topics the topology does not touch', () => {
    const d = counted(['in', 'g'], ['g', 'c']);
    d.settings.testData = { in: [], typo: [] };
    d.settings.expected = { nowhere: [] };
    expect(only(d, 'samples.topic').map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'sample records for "typo", which no source reads'],
      ['warning', 'expected records for "nowhere", which no sink writes'],
    ]);
  });

  it('never throws on a document of the wrong shape', () => {
    expect(validateDocument({ nodes: 5 } as never).problems[0]?.code).toBe('document.schema');
  });
});

describe('canConnect', () => {
  const d = counted(['in', 'g']);
  it('allows a fitting flow', () => {
    expect(canConnect(d, 'g', null, 'c', null)).toEqual({ ok: true });
  });
  it('explains a wrong flow kind and suggests the fix', () => {
    const partial = counted();
    const r = canConnect(partial, 'in', null, 'c', null);
    expect(r).toEqual({
      ok: false,
      reason: expect.stringMatching(/Count takes a .*KGroupedStream.* gives a KStream: add a Group by/),
    });
  });
  it('refuses cycles, self-loops, taken ports and missing ports', () => {
    expect(canConnect(d, 'g', null, 'g', null).ok).toBe(false);
    expect(canConnect(d, 'g', null, 'in', null)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no input/),
    });
    expect(canConnect(counted(['in', 'g'], ['g', 'c']), 'in', null, 'g', null)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already has a flow/),
    });
    const loop = doc(
      [
        stringSource('in'),
        { id: 'a', kind: 'merge', config: {} },
        { id: 'b', kind: 'peek', config: { action: '() => {}' } },
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
      ],
    );
    expect(canConnect(loop, 'b', null, 'a', 'other')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/cycle/),
    });
  });
});
