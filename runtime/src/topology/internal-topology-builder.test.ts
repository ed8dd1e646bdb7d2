// Graph rules ported from Kafka's streams/src/test/java/org/apache/kafka/streams/TopologyTest.java.
import { describe, expect, it } from 'vitest';
import type { ProcessorSupplier } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import { Stores } from '../state/stores.js';
import { Topology } from './topology.js';

const noop: ProcessorSupplier<unknown, unknown> = () => ({ process: () => undefined });
const store = (name: string) =>
  Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.string(), Serdes.string());

describe('Topology graph rules', () => {
  it('rejects duplicate names, bad parents and reused topics', () => {
    const t = new Topology().addSource('source', 'topic');
    expect(() => t.addSource('source', 'other')).toThrow(/already added/); // shouldNotAllowToAddSourcesWithSameName
    expect(() => t.addSource('source2', 'topic')).toThrow(/already consumed/); // shouldNotAllowToAddTopicTwice
    expect(() => t.addSource('s', [])).toThrow(/at least one topic/); // shouldNotAllowZeroTopicsWhenAddingSource
    t.addProcessor('processor', noop, 'source');
    expect(() => t.addProcessor('processor', noop, 'source')).toThrow(/already added/);
    expect(() => t.addProcessor('p', noop)).toThrow(/at least one parent/); // ...WithEmptyParents
    expect(() => t.addProcessor('p', noop, 'unknown')).toThrow(/not added yet/); // shouldFailOnUnknownSource
    expect(() => t.addProcessor('self', noop, 'self')).toThrow(); // shouldFailIfNodeIsItsOwnParent
    t.addSink('sink', 'out', {}, 'processor');
    expect(() => t.addProcessor('p', noop, 'sink')).toThrow(/cannot be the parent/); // shouldFailIfSinkIsParent
    expect(() => t.addStateStore(store('s'), 'source')).toThrow(/processor "source"/); // ...StateStoreToSource
    expect(() => t.addStateStore(store('s2'), 'missing')).toThrow(); // ...ToNonExistingProcessor
  });

  it('groups connected nodes into sub-topologies numbered by first appearance', () => {
    // multipleSourcesWithProcessorsShouldHaveDistinctSubtopologies / processorsWithSameSinkShouldHaveSameSubtopology
    const t = new Topology()
      .addSource('source1', 'topic1')
      .addProcessor('processor1', noop, 'source1')
      .addSource('source2', 'topic2')
      .addProcessor('processor2', noop, 'source2')
      .addSource('source3', 'topic3')
      .addProcessor('processor3', noop, 'source3')
      .addSink('sink', 'out', {}, 'processor2', 'processor3');
    const subs = t.internalBuilder.subtopologies();
    expect(subs.map((s) => [s.id, s.sourceTopics])).toEqual([
      [0, ['topic1']],
      [1, ['topic2', 'topic3']],
    ]);
  });

  it('processors sharing a store share a sub-topology (processorsWithSharedStateShouldHaveSameSubtopology)', () => {
    const t = new Topology()
      .addSource('source', 'topic')
      .addProcessor('processor1', noop, 'source')
      .addStateStore(store('store1'), 'processor1')
      .addSource('source2', 'topic2')
      .addProcessor('processor2', noop, 'source2')
      .addStateStore(store('store2'), 'processor2')
      .addSource('source3', 'topic3')
      .addProcessor('processor3', noop, 'source3')
      .connectProcessorAndStateStores('processor3', 'store1', 'store2');
    const subs = t.internalBuilder.subtopologies();
    expect(subs).toHaveLength(1);
    expect(subs[0]?.storeNames).toEqual(['store1', 'store2']);
  });

  it('describes an empty topology and global stores like Kafka (shouldDescribeGlobalStoreTopology)', () => {
    expect(new Topology().describe().toString()).toBe('Topologies:\n ');
    const t = new Topology().addGlobalStore(
      store('globalStore').withLoggingDisabled(),
      'source',
      'globalTopic',
      {},
      'processor',
      noop,
    );
    expect(t.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: source (topics: [globalTopic])\n' +
        '      --> processor\n' +
        '    Processor: processor (stores: [globalStore])\n' +
        '      --> none\n' +
        '      <-- source\n',
    );
  });

  // Expected orders below were produced by running Kafka's describeSubtopology ordering logic on the JVM
  // (java.util.HashMap iteration, TreeSet with the size-then-name comparator, sizes updated while linking).
  it('orders successors exactly as Kafka, including its stale-size TreeSet quirk', () => {
    const t = new Topology()
      .addSource('src', 'in')
      .addProcessor('b-small', noop, 'src')
      .addProcessor('a-small', noop, 'src')
      .addProcessor('z-big', noop, 'src')
      .addProcessor('z-child', noop, 'z-big');
    // z-big was linked to src while its size was still 1, so it sorts by name there.
    expect(t.describe().toString()).toContain(
      'Source: src (topics: [in])\n      --> a-small, b-small, z-big\n',
    );
    // ...but the node listing is sorted with final sizes.
    expect(t.describe().toString().indexOf('Processor: z-big')).toBeLessThan(
      t.describe().toString().indexOf('Processor: a-small'),
    );
  });

  it('orders a three-way split as Kafka does', () => {
    const t = new Topology()
      .addSource('src', 'in')
      .addProcessor('split', noop, 'src')
      .addProcessor('split1', noop, 'split')
      .addProcessor('split2', noop, 'split')
      .addProcessor('split0', noop, 'split')
      .addProcessor('split1-map', noop, 'split1')
      .addSink('split1-sink', 'out', {}, 'split1-map')
      .addProcessor('split0-map', noop, 'split0');
    const text = t.describe().toString();
    expect(text).toContain(
      'Processor: split (stores: [])\n      --> split1, split0, split2\n      <-- src\n',
    );
    const order = [...text.matchAll(/(?:Source|Processor|Sink): (\S+)/g)].map((m) => m[1]);
    expect(order).toEqual([
      'src',
      'split',
      'split1',
      'split0',
      'split1-map',
      'split0-map',
      'split1-sink',
      'split2',
    ]);
  });
});
