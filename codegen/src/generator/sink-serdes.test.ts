import { describe, expect, it } from 'vitest';
import { getKind } from '@topograph/document';
import { runTopology } from '../export/run-topology.js';
import { doc, jsonSource } from '@topograph/document/testing';
import { generate } from './generate.js';

/** Clicks left-joined with users, into a To-topic as the palette drops it (its defaults, nothing set). */
const joinedToTopic = (sink: Record<string, unknown> = getKind('sink.topic')?.defaults('out') ?? {}) =>
  doc(
    [
      jsonSource('clicks', 'clicks', 'Click'),
      jsonSource('users', 'users', 'User', 'source.table'),
      {
        id: 'enrich',
        kind: 'join.streamTable',
        config: {
          joinType: 'left',
          joiner: "(click, user) => ({ page: click.page, country: user?.country ?? 'unknown' })",
          valueType: 'Enriched',
        },
      },
      { id: 'out', kind: 'sink.topic', config: { ...sink, topic: 'enriched' } },
    ],
    [
      ['clicks', 'enrich'],
      ['users', 'enrich', undefined, 'right'],
      ['enrich', 'out'],
    ],
    {
      types: [
        { name: 'Click', declaration: '{ page: string }' },
        { name: 'User', declaration: '{ country: string }' },
        { name: 'Enriched', declaration: '{ page: string; country: string }' },
      ],
      settings: {
        applicationId: 'app',
        testData: {
          users: [{ key: 'u1', value: { country: 'UK' }, timestamp: 0 }],
          clicks: [{ key: 'u1', value: { page: '/home' }, timestamp: 1 }],
        },
      },
    },
  );

describe('a sink without serdes of its own', () => {
  it('writes a JSON join’s records as JSON, with the key serde they were read with', async () => {
    const { files, diagnostics } = await generate(joinedToTopic());
    expect(diagnostics).toEqual([]);
    expect(files[0]?.content).toContain(
      "enrich.to('enriched', { name: 'out', keySerde: Serdes.string(), valueSerde: Serdes.json<Enriched>() });",
    );
    const run = await runTopology(joinedToTopic());
    expect(run).toEqual({
      ok: true,
      outputs: [{ topic: 'enriched', key: 'u1', value: { page: '/home', country: 'UK' } }],
    });
  });

  it('writes counts with the long serde', async () => {
    const counted = doc(
      [
        {
          id: 'words',
          kind: 'source.stream',
          config: { topic: 'words', keySerde: 'string', valueSerde: 'string' },
        },
        { id: 'by-key', kind: 'groupByKey', config: {} },
        { id: 'counts', kind: 'count', config: {} },
        { id: 'changes', kind: 'toStream', config: {} },
        { id: 'out', kind: 'sink.topic', config: { topic: 'counts' } },
      ],
      [
        ['words', 'by-key'],
        ['by-key', 'counts'],
        ['counts', 'changes'],
        ['changes', 'out'],
      ],
    );
    const { files } = await generate(counted, { typeCheck: false });
    expect(files[0]?.content).toContain('keySerde: Serdes.string(), valueSerde: Serdes.long() });');
  });

  it('reports a serde that does not fit the records with TypeScript’s whole message', async () => {
    const { diagnostics } = await generate(joinedToTopic({ keySerde: 'string', valueSerde: 'long' }));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        nodeId: 'out',
        message: expect.stringContaining("Type 'Serde<number>' is not assignable to type 'Serde<Enriched>'"),
      }),
    ]);
  });
});
