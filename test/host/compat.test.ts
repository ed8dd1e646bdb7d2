import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompatReport } from '@topograph/codegen';
import { makeHost, type HostFixture } from './fixtures.js';
import { exampleDocument } from './support.js';

let fx: HostFixture;
beforeAll(async () => {
  fx = await makeHost({});
});
afterAll(async () => {
  await fx.cleanup();
});

describe('compat.check through the studio API', () => {
  it('reports a renamed store against a saved document, and nothing against a describe() of the same', async () => {
    const saved = exampleDocument('word-count');
    const current = {
      ...saved,
      nodes: saved.nodes.map((n) =>
        n.id === 'word-counts' ? { ...n, config: { storeName: 'tally-store' } } : n,
      ),
    };
    const report = (await fx.host.call('compat.check', {
      baseline: { kind: 'document', document: saved },
      current,
    })) as CompatReport;
    expect(report).toMatchObject({ verdict: 'state-lost', exitCode: 1 });
    expect(report.changes).toMatchObject([
      {
        summary: 'store "counts-store" is now "tally-store"',
        nodeId: 'word-counts',
        fix: { kind: 'pin-store-name' },
      },
    ]);

    const describe = [
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: text (topics: [text])',
      '      --> split-words',
      '    Processor: split-words (stores: [])',
      '      --> by-word',
      '      <-- text',
      '    Processor: by-word (stores: [])',
      '      --> by-word-repartition-filter',
      '      <-- split-words',
      '    Processor: by-word-repartition-filter (stores: [])',
      '      --> by-word-repartition-sink',
      '      <-- by-word',
      '    Sink: by-word-repartition-sink (topic: by-word-repartition)',
      '      <-- by-word-repartition-filter',
      '',
      '  Sub-topology: 1',
      '    Source: by-word-repartition-source (topics: [by-word-repartition])',
      '      --> word-counts',
      '    Processor: word-counts (stores: [counts-store])',
      '      --> changes',
      '      <-- by-word-repartition-source',
      '    Processor: changes (stores: [])',
      '      --> to-word-counts',
      '      <-- word-counts',
      '    Sink: to-word-counts (topic: word-counts)',
      '      <-- changes',
    ].join('\n');
    const same = (await fx.host.call('compat.check', {
      baseline: { kind: 'describe', text: describe },
      current: saved,
    })) as CompatReport;
    expect(same).toMatchObject({ verdict: 'compatible', exitCode: 0, changes: [] });
  });

  it('refuses a baseline of an unknown kind, naming the field', async () => {
    await expect(
      fx.host.call('compat.check', { baseline: { kind: 'git' }, current: exampleDocument('word-count') }),
    ).rejects.toThrow(/baseline/);
  });
});
