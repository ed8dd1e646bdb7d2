import { sinkSerdes } from '../analysis/sink-serdes.js';
import { validateDocument } from '../analysis/validate.js';
import { describe, expect, it } from 'vitest';
import { DescribeParseError, importDescribe, parseDescribe } from './describe.js';

// The word-count topology as printed in Kafka's "Tutorial: Write a Kafka Streams Application" (one line a node).
const KAFKA_TUTORIAL_WORDCOUNT = `Sub-topologies:
  Sub-topology: 0
    Source: KSTREAM-SOURCE-0000000000(topics: streams-plaintext-input) --> KSTREAM-FLATMAPVALUES-0000000001
    Processor: KSTREAM-FLATMAPVALUES-0000000001(stores: []) --> KSTREAM-KEY-SELECT-0000000002 <-- KSTREAM-SOURCE-0000000000
    Processor: KSTREAM-KEY-SELECT-0000000002(stores: []) --> KSTREAM-FILTER-0000000005 <-- KSTREAM-FLATMAPVALUES-0000000001
    Processor: KSTREAM-FILTER-0000000005(stores: []) --> KSTREAM-SINK-0000000004 <-- KSTREAM-KEY-SELECT-0000000002
    Sink: KSTREAM-SINK-0000000004(topic: counts-store-repartition) <-- KSTREAM-FILTER-0000000005
  Sub-topology: 1
    Source: KSTREAM-SOURCE-0000000006(topics: counts-store-repartition) --> KSTREAM-AGGREGATE-0000000003
    Processor: KSTREAM-AGGREGATE-0000000003(stores: [counts-store]) --> KTABLE-TOSTREAM-0000000007 <-- KSTREAM-SOURCE-0000000006
    Processor: KTABLE-TOSTREAM-0000000007(stores: []) --> KSTREAM-SINK-0000000008 <-- KSTREAM-AGGREGATE-0000000003
    Sink: KSTREAM-SINK-0000000008(topic: streams-wordcount-output) <-- KTABLE-TOSTREAM-0000000007
Global Stores:
  none`;

// The multi-line form Topology#describe().toString() prints (Kafka Streams developer guide).
const MULTILINE = `Topologies:
   Sub-topology: 0
    Source: KSTREAM-SOURCE-0000000000 (topics: [orders])
      --> KSTREAM-FILTER-0000000001
    Processor: KSTREAM-FILTER-0000000001 (stores: [])
      --> KSTREAM-MAPVALUES-0000000002, KSTREAM-PEEK-0000000003
      <-- KSTREAM-SOURCE-0000000000
    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])
      --> KSTREAM-SINK-0000000004
      <-- KSTREAM-FILTER-0000000001
    Processor: KSTREAM-PEEK-0000000003 (stores: [])
      --> none
      <-- KSTREAM-FILTER-0000000001
    Sink: KSTREAM-SINK-0000000004 (topic: big-orders)
      <-- KSTREAM-MAPVALUES-0000000002
`;

const chain = (doc: ReturnType<typeof importDescribe>['document']) =>
  doc.edges.map((e) => {
    const kind = (id: string) => doc.nodes.find((n) => n.id === id)?.kind;
    return `${kind(e.source)}->${kind(e.target)}`;
  });

describe('parseDescribe', () => {
  it('reads processors, topics, stores and both arrow lists of the one-line form', () => {
    const procs = parseDescribe(KAFKA_TUTORIAL_WORDCOUNT);
    expect(procs).toHaveLength(9);
    expect(procs[0]).toEqual({
      role: 'Source',
      name: 'KSTREAM-SOURCE-0000000000',
      topics: ['streams-plaintext-input'],
      stores: [],
      successors: ['KSTREAM-FLATMAPVALUES-0000000001'],
      predecessors: [],
    });
    expect(procs.find((p) => p.name === 'KSTREAM-AGGREGATE-0000000003')?.stores).toEqual(['counts-store']);
  });

  it('reads the multi-line form with several successors and "none"', () => {
    const procs = parseDescribe(MULTILINE);
    expect(procs.find((p) => p.name === 'KSTREAM-FILTER-0000000001')?.successors).toEqual([
      'KSTREAM-MAPVALUES-0000000002',
      'KSTREAM-PEEK-0000000003',
    ]);
    expect(procs.find((p) => p.name === 'KSTREAM-PEEK-0000000003')?.successors).toEqual([]);
    expect(procs.find((p) => p.name === 'KSTREAM-SINK-0000000004')?.topics).toEqual(['big-orders']);
  });

  it('refuses text that is not a describe() output, and dangling references', () => {
    expect(() => parseDescribe('hello world')).toThrow(DescribeParseError);
    expect(() => parseDescribe('Source: A (topics: [t]) --> B')).toThrow(/"B", which is not described/);
  });
});

describe('importDescribe', () => {
  it('folds Kafka internals of word count back into the DSL graph', () => {
    const { document, unknown } = importDescribe(KAFKA_TUTORIAL_WORDCOUNT, 'wordcount');
    expect(unknown).toEqual([]);
    expect(document.nodes.map((n) => n.kind)).toEqual([
      'source.stream',
      'flatMapValues',
      'groupBy',
      'count',
      'toStream',
      'sink.topic',
    ]);
    expect(chain(document)).toEqual([
      'source.stream->flatMapValues',
      'flatMapValues->groupBy',
      'groupBy->count',
      'count->toStream',
      'toStream->sink.topic',
    ]);
    const count = document.nodes.find((n) => n.kind === 'count');
    expect(count?.config['storeName']).toBe('counts-store');
    expect(document.nodes.find((n) => n.kind === 'sink.topic')?.config['topic']).toBe(
      'streams-wordcount-output',
    );
    expect(validateDocument(document).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps the deployment’s identity: processor names, the repartition topic and the store', () => {
    const { document } = importDescribe(KAFKA_TUTORIAL_WORDCOUNT, 'wordcount');
    expect(document.nodes.map((n) => n.id)).toEqual([
      'KSTREAM-SOURCE-0000000000',
      'KSTREAM-FLATMAPVALUES-0000000001',
      // Kafka named the repartition topic after the store; the grouping is named so the code does too.
      'counts-store',
      'KSTREAM-AGGREGATE-0000000003',
      'KTABLE-TOSTREAM-0000000007',
      'KSTREAM-SINK-0000000008',
    ]);
    const notes = validateDocument(document).problems.filter((p) => p.code === 'repartition');
    expect(notes.map((p) => p.message)).toEqual([
      'will repartition through wordcount-counts-store-repartition',
    ]);
    expect(document.nodes.find((n) => n.kind === 'count')?.config['storeName']).toBe('counts-store');
  });

  it('writes imported counts with the long serde', () => {
    const { document } = importDescribe(KAFKA_TUTORIAL_WORDCOUNT, 'wordcount');
    expect(sinkSerdes(document, 'KSTREAM-SINK-0000000008')).toEqual({
      keySerde: 'string',
      valueSerde: 'long',
    });
  });

  it('labels nodes by what they do, not by the cut-off processor name', () => {
    const { document } = importDescribe(KAFKA_TUTORIAL_WORDCOUNT, 'wordcount');
    expect(document.nodes.map((n) => n.label)).toEqual([
      'streams-plaintext-input',
      'Flat map values',
      'Group by',
      'Count (counts-store)',
      'To stream',
      'to streams-wordcount-output',
    ]);
  });

  it('marks the lambdas describe() does not show as TODO, listed in Problems', () => {
    const { document } = importDescribe(KAFKA_TUTORIAL_WORDCOUNT, 'wordcount');
    const todos = validateDocument(document).problems.filter((p) => p.code === 'code.todo');
    expect(todos).toEqual([
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'KSTREAM-FLATMAPVALUES-0000000001',
        field: 'mapper',
        message: 'TODO: the mapper of KSTREAM-FLATMAPVALUES-0000000001',
      }),
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'counts-store',
        field: 'selector',
        message: 'TODO: the key selector of KSTREAM-KEY-SELECT-0000000002',
      }),
    ]);
  });

  it('keeps branches of the multi-line form and lays nodes out by depth', () => {
    const { document } = importDescribe(MULTILINE);
    expect(chain(document).sort()).toEqual([
      'filter->mapValues',
      'filter->peek',
      'mapValues->sink.topic',
      'source.stream->filter',
    ]);
    const x = (kind: string) => document.nodes.find((n) => n.kind === kind)?.position.x;
    expect(x('source.stream')).toBeLessThan(x('filter') as number);
    expect(x('filter')).toBeLessThan(x('sink.topic') as number);
  });

  it('inserts Group by key in front of an aggregation fed without a key change', () => {
    const text = `Source: KSTREAM-SOURCE-0000000000 (topics: [clicks]) --> KSTREAM-AGGREGATE-0000000001
Processor: KSTREAM-AGGREGATE-0000000001 (stores: [click-counts]) --> none <-- KSTREAM-SOURCE-0000000000`;
    expect(chain(importDescribe(text).document)).toEqual(['source.stream->groupByKey', 'groupByKey->count']);
  });
});
