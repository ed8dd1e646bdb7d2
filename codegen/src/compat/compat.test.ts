import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '@topograph/runtime';
import {
  compatReport,
  footprintFromDescribe,
  loadDocument,
  type CompatReport,
  type Footprint,
  type TopologyDocument,
} from '@topograph/document';
import { doc } from '@topograph/document/testing';
import { describeDocument, documentFootprint, fixDocument } from './describe-document.js';

const example = (name: string): TopologyDocument => {
  const text = readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'examples', `${name}.topology.json`),
    'utf8',
  );
  const { document } = loadDocument(text);
  if (!document) throw new Error(`examples/${name} does not load`);
  return document;
};

const edit = (d: TopologyDocument, id: string, config: Record<string, unknown>): TopologyDocument => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? { ...n, config: { ...n.config, ...config } } : n)),
});

const rename = (d: TopologyDocument, from: string, to: string): TopologyDocument => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
  edges: d.edges.map((e) => ({
    ...e,
    source: e.source === from ? to : e.source,
    target: e.target === from ? to : e.target,
  })),
});

async function compare(baseline: TopologyDocument, current: TopologyDocument): Promise<CompatReport> {
  return compatReport(await documentFootprint(baseline), await documentFootprint(current), current);
}

const nonCompatible = (r: CompatReport) => r.changes.filter((c) => c.class !== 'compatible');

/** What must stay the same for the new version to keep the old one's state. */
const kept = (fp: Footprint) => ({
  applicationId: fp.applicationId,
  stores: fp.stores.map((s) => s.name).sort(),
  repartitions: fp.repartitionTopics.map((t) => t.name).sort(),
});

/** `--fix`, then the fixed document's generated describe() must keep the baseline's names. */
async function expectFixKeepsNames(
  baseline: Footprint,
  current: TopologyDocument,
): Promise<TopologyDocument> {
  const { document, report } = await fixDocument(baseline, current);
  expect(nonCompatible(report)).toEqual([]);
  expect(report.exitCode).toBe(0);
  const after = footprintFromDescribe(await describeDocument(document), baseline.applicationId);
  expect(kept(after)).toEqual(kept(baseline));
  return document;
}

describe('compat: documents', () => {
  it('finds nothing between a document and itself', async () => {
    for (const name of ['word-count', 'clickstream', 'stock-stats']) {
      const r = await compare(example(name), example(name));
      expect(r.changes).toEqual([]);
      expect(r.exitCode).toBe(0);
      expect(r.plan.needed).toBe(false);
    }
  });

  it('a renamed node that owns a store loses its state; keeping the old id keeps it', async () => {
    const baseline = example('stock-stats');
    // The suppression's buffer store is `<node id>-store`.
    const current = rename(baseline, 'final', 'final-results');
    const r = await compare(baseline, current);
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'state-lost',
        subject: 'store',
        summary: 'store "final-store" is now "final-results-store"',
        nodeId: 'final-results',
        fix: { kind: 'keep-node-id', nodeId: 'final-results', id: 'final' },
      },
    ]);
    expect(r.changes[0]?.consequence).toMatch(/starts "final-results-store" empty/);
    expect(r.exitCode).toBe(1);
    expect(r.plan).toMatchObject({
      needed: true,
      deleteTopics: ['stock-stats-final-store-changelog'],
      resetInputTopics: ['trades'],
      wipeLocalState: true,
    });
    expect(r.plan.steps.join('\n')).toContain(
      'kafka-streams-application-reset --bootstrap-server <brokers> --application-id stock-stats --input-topics trades',
    );
    await expectFixKeepsNames(await documentFootprint(baseline), current);
  });

  it('renaming a count node whose store name is pinned keeps the state', async () => {
    const baseline = example('word-count');
    const r = await compare(baseline, rename(baseline, 'word-counts', 'tally'));
    expect(r.changes).toEqual([]);
  });

  it('a renamed store loses its state; pinning the old store name keeps it', async () => {
    const baseline = example('word-count');
    const current = edit(rename(baseline, 'word-counts', 'tally'), 'tally', { storeName: 'tally-store' });
    const r = await compare(baseline, current);
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'state-lost',
        summary: 'store "counts-store" is now "tally-store"',
        nodeId: 'tally',
        fix: { kind: 'pin-store-name', nodeId: 'tally', storeName: 'counts-store' },
      },
    ]);
    const fixed = await expectFixKeepsNames(await documentFootprint(baseline), current);
    expect(fixed.nodes.find((n) => n.id === 'tally')?.config['storeName']).toBe('counts-store');
  });

  it('a renamed grouping strands the records in its repartition topic', async () => {
    const baseline = example('word-count');
    const current = rename(baseline, 'by-word', 'words');
    const r = await compare(baseline, current);
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'stranded',
        subject: 'repartition',
        summary: 'repartition topic "by-word-repartition" is now "words-repartition"',
        nodeId: 'words',
        fix: { kind: 'keep-node-id', nodeId: 'words', id: 'by-word' },
      },
    ]);
    expect(r.changes[0]?.consequence).toContain('"word-count-by-word-repartition"');
    expect(r.plan.deleteTopics).toEqual(['word-count-by-word-repartition']);
    expect(r.plan.resetInputTopics).toEqual([]);
    await expectFixKeepsNames(await documentFootprint(baseline), current);
  });

  it('a store serde change is incompatible', async () => {
    const table = (valueSerde: string) =>
      doc(
        [
          {
            id: 'users',
            kind: 'source.table',
            config: { topic: 'users', keySerde: 'string', valueSerde, storeName: 'users-store' },
          },
          { id: 'changes', kind: 'toStream', config: {} },
          { id: 'out', kind: 'sink.topic', config: { topic: 'users-out', keySerde: 'string', valueSerde } },
        ],
        [
          ['users', 'changes'],
          ['changes', 'out'],
        ],
      );
    const r = await compare(table('string'), table('json'));
    expect(r.exitCode).toBe(2);
    expect(r.verdict).toBe('incompatible');
    expect(nonCompatible(r)).toContainEqual(
      expect.objectContaining({
        class: 'incompatible',
        summary: 'store "users-store": value serde string is now json',
        nodeId: 'users',
      }),
    );
    expect(r.changes.find((c) => c.class === 'incompatible')?.consequence).toMatch(
      /crashes on deserialization/,
    );
    expect(r.changes.every((c) => c.fix === undefined)).toBe(true);
  });

  it('a window size change is incompatible', async () => {
    const baseline = example('stock-stats');
    const window = baseline.nodes.find((n) => n.kind === 'window.tumbling');
    if (!window) throw new Error('stock-stats has no tumbling window');
    const r = await compare(baseline, edit(baseline, window.id, { sizeMs: 30_000 }));
    expect(r.exitCode).toBe(2);
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'incompatible',
        summary: 'store "stats-store": window size (ms) 60000 is now 30000',
        nodeId: 'stats',
      },
    ]);
  });

  it('a grace-only change is compatible', async () => {
    const baseline = example('stock-stats');
    const window = baseline.nodes.find((n) => n.kind === 'window.tumbling');
    if (!window) throw new Error('stock-stats has no tumbling window');
    const r = await compare(baseline, edit(baseline, window.id, { graceMs: 10_000 }));
    expect(r.exitCode).toBe(0);
    expect(r.changes).toMatchObject([
      { class: 'compatible', summary: 'store "stats-store": grace (ms) 5000 is now 10000' },
    ]);
    expect(r.plan.needed).toBe(false);
  });

  it('an added stateless node before an aggregation is compatible: names are pinned by node id', async () => {
    const baseline = example('word-count');
    const current: TopologyDocument = {
      ...baseline,
      nodes: [
        ...baseline.nodes,
        {
          id: 'long-words',
          kind: 'filter',
          position: { x: 0, y: 100 },
          config: { predicate: '(_key, word) => word.length > 3' },
        },
      ],
      edges: [
        ...baseline.edges.filter((e) => e.id !== 'e2'),
        { id: 'e6', source: 'split-words', target: 'long-words' },
        { id: 'e7', source: 'long-words', target: 'by-word' },
      ],
    };
    // Without a store name the count's store is Kafka's generated one, drawn from the shared counter.
    const unpinned = (d: TopologyDocument) =>
      edit(d, 'word-counts', { storeName: undefined }) satisfies TopologyDocument;
    for (const [b, c] of [
      [baseline, current],
      [unpinned(baseline), unpinned(current)],
    ] as const) {
      const r = await compare(b, c);
      expect(r.changes).toEqual([]);
    }
  });

  it('a partition-count change of a co-partitioned input is incompatible', async () => {
    const baseline = example('clickstream');
    const current: TopologyDocument = {
      ...baseline,
      settings: { ...baseline.settings, topics: { ...baseline.settings.topics, clicks: { partitions: 8 } } },
    };
    const r = await compare(baseline, current);
    expect(r.exitCode).toBe(2);
    expect(nonCompatible(r)).toMatchObject([
      // The grouping after the join repartitions like its input: Kafka Streams refuses an existing internal
      // topic with another count ("Existing internal topic … has invalid partitions").
      {
        class: 'incompatible',
        subject: 'partitions',
        summary: 'repartition topic "by-page-repartition": 4 partitions are now 8',
      },
      {
        class: 'incompatible',
        subject: 'partitions',
        summary: 'input topic "clicks": 4 partitions are now 8',
      },
    ]);
    expect(r.changes[1]?.consequence).toMatch(
      /co-partitioned with "users" for a join, which keeps another count: Kafka Streams refuses to start/,
    );
  });

  it('a partition-count change of an input that feeds no state is compatible', async () => {
    const pipe = (partitions: number) =>
      doc(
        [
          {
            id: 'in',
            kind: 'source.stream',
            config: { topic: 'in', keySerde: 'string', valueSerde: 'string' },
          },
          {
            id: 'out',
            kind: 'sink.topic',
            config: { topic: 'out', keySerde: 'string', valueSerde: 'string' },
          },
        ],
        [['in', 'out']],
        { settings: { applicationId: 'app', topics: { in: { partitions } } } },
      );
    const r = await compare(pipe(4), pipe(8));
    expect(r.changes).toMatchObject([
      { class: 'compatible', summary: 'input topic "in": 4 partitions are now 8' },
    ]);
    expect(r.exitCode).toBe(0);
  });

  it('an application id change loses all state; pinning the old id keeps it', async () => {
    const baseline = example('word-count');
    const current: TopologyDocument = {
      ...baseline,
      settings: { ...baseline.settings, applicationId: 'word-count-v2' },
    };
    const r = await compare(baseline, current);
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'state-lost',
        subject: 'application-id',
        fix: { kind: 'pin-application-id', applicationId: 'word-count' },
      },
    ]);
    expect(r.plan.deleteTopics).toEqual([
      'word-count-by-word-repartition',
      'word-count-counts-store-changelog',
    ]);
    await expectFixKeepsNames(await documentFootprint(baseline), current);
  });
});

/** Kafka's WordCountDemo without any names, as a Java application would describe it. */
function unnamedWordCount(withFilter: boolean): string {
  const builder = new StreamsBuilder();
  let words = builder
    .stream<string, string>('text', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .flatMapValues((line) => line.toLowerCase().split(/\W+/));
  if (withFilter) words = words.filter((_k, w) => w.length > 0);
  words
    .groupBy((_k, w) => w)
    .count()
    .toStream()
    .to('word-counts', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  return builder.build().describe().toString();
}

describe('compat: describe() baselines', () => {
  it('reads stores, repartition topics and sub-topologies from a describe() text', () => {
    const fp = footprintFromDescribe(unnamedWordCount(false), 'wc');
    expect(fp.sourceTopics).toEqual(['text']);
    expect(fp.sinkTopics).toEqual(['word-counts']);
    expect(fp.stores).toMatchObject([
      { name: 'KSTREAM-AGGREGATE-STATE-STORE-0000000003', generated: true, subTopology: 1 },
    ]);
    expect(fp.repartitionTopics.map((t) => t.name)).toEqual([
      'KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition',
    ]);
    expect(fp.subTopologies.map((s) => s.sourceTopics)).toEqual([
      ['text'],
      ['KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition'],
    ]);
  });

  it('knows global stores (no changelog) and the inputs a join co-partitions', () => {
    const builder = new StreamsBuilder();
    const users = builder.table<string, string>('users');
    const countries = builder.globalTable<string, string>('countries');
    builder
      .stream<string, string>('clicks')
      .join(users, (click, user) => `${click}:${user}`)
      .leftJoin(
        countries,
        (_k, v) => v,
        (v, c) => `${v}:${c ?? ''}`,
      )
      .to('enriched');
    const text = builder.build().describe().toString();
    const fp = footprintFromDescribe(text, 'app');
    expect(fp.coPartitioned).toEqual([['clicks', 'users']]);
    expect(fp.stores.map((s) => [s.global, s.generated])).toEqual([
      [false, true],
      [true, true],
    ]);
    // Dropping the global table loses nothing that a restart would not rebuild from its topic.
    const withoutGlobal = { ...fp, stores: fp.stores.filter((s) => !s.global) };
    const r = compatReport(fp, withoutGlobal);
    expect(r.changes).toMatchObject([
      { class: 'compatible', summary: expect.stringMatching(/^store ".*" is dropped$/) },
    ]);
    expect(r.plan.needed).toBe(false);
  });

  it("an added stateless node before an aggregation moves Kafka's generated names: state lost, records stranded", () => {
    const r = compatReport(
      footprintFromDescribe(unnamedWordCount(false), 'wc'),
      footprintFromDescribe(unnamedWordCount(true), 'wc'),
    );
    expect(nonCompatible(r)).toMatchObject([
      {
        class: 'state-lost',
        summary:
          'store "KSTREAM-AGGREGATE-STATE-STORE-0000000003" is now "KSTREAM-AGGREGATE-STATE-STORE-0000000004" (Kafka generated the old name)',
      },
      {
        class: 'stranded',
        summary:
          'repartition topic "KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition" is now "KSTREAM-AGGREGATE-STATE-STORE-0000000004-repartition"',
      },
    ]);
    expect(r.exitCode).toBe(1);
    // Describe texts carry no document: there is nothing to pin names in.
    expect(r.changes.every((c) => c.fix === undefined)).toBe(true);
  });

  it("fixes a document to keep a Java application's generated names", async () => {
    const baseline = footprintFromDescribe(unnamedWordCount(false), 'word-count');
    const current = edit(example('word-count'), 'word-counts', { storeName: undefined });
    const r = compatReport(baseline, await documentFootprint(current), current);
    expect(r.exitCode).toBe(1);
    const fixed = await expectFixKeepsNames(baseline, current);
    expect(fixed.nodes.find((n) => n.kind === 'count')?.config['storeName']).toBe(
      'KSTREAM-AGGREGATE-STATE-STORE-0000000003',
    );
  });
});
