// describe() output ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/TopologyTest.java
// (the methods named in each test). Kafka's default serdes are not part of the text, so none are given here.
import { describe, expect, it } from 'vitest';
import {
  EmitStrategy,
  JoinWindows,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
  type KStream,
} from '../../runtime/src/index.js';

const joiner = (l: unknown, r: unknown): string => `${String(l)}+${String(r)}`;

function twoStreams(): { builder: StreamsBuilder; s1: KStream<number, string>; s2: KStream<number, string> } {
  const builder = new StreamsBuilder();
  return { builder, s1: builder.stream('input-topic1'), s2: builder.stream('input-topic2') };
}

function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n\n`;
}

describe('TopologyTest (windows and joins)', () => {
  it('streamStreamJoinTopologyWithDefaultStoresNames', () => {
    const { builder, s1, s2 } = twoStreams();
    s1.join(s2, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100));
    expect(builder.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])',
        '      --> KSTREAM-WINDOWED-0000000002',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])',
        '      --> KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])',
        '      --> KSTREAM-JOINTHIS-0000000004',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-JOINOTHER-0000000005-store])',
        '      --> KSTREAM-JOINOTHER-0000000005',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KSTREAM-JOINOTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-JOINOTHER-0000000005-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000002',
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])',
        '      --> none',
        '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-JOINOTHER-0000000005',
      ),
    );
  });

  it('streamStreamJoinTopologyWithCustomStoresNames', () => {
    const { builder, s1, s2 } = twoStreams();
    s1.join(s2, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100), { storeName: 'custom-name' });
    expect(builder.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])',
        '      --> KSTREAM-WINDOWED-0000000002',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])',
        '      --> KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [custom-name-this-join-store])',
        '      --> KSTREAM-JOINTHIS-0000000004',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [custom-name-other-join-store])',
        '      --> KSTREAM-JOINOTHER-0000000005',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KSTREAM-JOINOTHER-0000000005 (stores: [custom-name-this-join-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [custom-name-other-join-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000002',
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])',
        '      --> none',
        '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-JOINOTHER-0000000005',
      ),
    );
  });

  it('streamStreamLeftJoinTopologyWithDefaultStoresNames', () => {
    const { builder, s1, s2 } = twoStreams();
    s1.leftJoin(s2, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100));
    expect(builder.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])',
        '      --> KSTREAM-WINDOWED-0000000002',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])',
        '      --> KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])',
        '      --> KSTREAM-JOINTHIS-0000000004',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-OUTEROTHER-0000000005-store])',
        '      --> KSTREAM-OUTEROTHER-0000000005',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-OUTEROTHER-0000000005-store, KSTREAM-OUTERSHARED-0000000004-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000002',
        '    Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store, KSTREAM-OUTERSHARED-0000000004-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])',
        '      --> none',
        '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-OUTEROTHER-0000000005',
      ),
    );
  });

  it('streamStreamLeftJoinTopologyWithCustomStoresNames', () => {
    const { builder, s1, s2 } = twoStreams();
    s1.leftJoin(s2, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100), { storeName: 'custom-name' });
    expect(builder.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])',
        '      --> KSTREAM-WINDOWED-0000000002',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])',
        '      --> KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [custom-name-this-join-store])',
        '      --> KSTREAM-JOINTHIS-0000000004',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [custom-name-outer-other-join-store])',
        '      --> KSTREAM-OUTEROTHER-0000000005',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [custom-name-outer-other-join-store, custom-name-left-shared-join-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000002',
        '    Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [custom-name-this-join-store, custom-name-left-shared-join-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])',
        '      --> none',
        '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-OUTEROTHER-0000000005',
      ),
    );
  });

  it('streamStreamOuterJoinTopologyWithDefaultStoresNames', () => {
    const { builder, s1, s2 } = twoStreams();
    s1.outerJoin(s2, joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100));
    expect(builder.build().describe().toString()).toBe(
      lines(
        'Topologies:',
        '   Sub-topology: 0',
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])',
        '      --> KSTREAM-WINDOWED-0000000002',
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])',
        '      --> KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-OUTERTHIS-0000000004-store])',
        '      --> KSTREAM-OUTERTHIS-0000000004',
        '      <-- KSTREAM-SOURCE-0000000000',
        '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-OUTEROTHER-0000000005-store])',
        '      --> KSTREAM-OUTEROTHER-0000000005',
        '      <-- KSTREAM-SOURCE-0000000001',
        '    Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [KSTREAM-OUTERTHIS-0000000004-store, KSTREAM-OUTERSHARED-0000000004-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000003',
        '    Processor: KSTREAM-OUTERTHIS-0000000004 (stores: [KSTREAM-OUTEROTHER-0000000005-store, KSTREAM-OUTERSHARED-0000000004-store])',
        '      --> KSTREAM-MERGE-0000000006',
        '      <-- KSTREAM-WINDOWED-0000000002',
        '    Processor: KSTREAM-MERGE-0000000006 (stores: [])',
        '      --> none',
        '      <-- KSTREAM-OUTERTHIS-0000000004, KSTREAM-OUTEROTHER-0000000005',
      ),
    );
  });

  const windowedCount = (windowedBy: 'time' | 'sliding' | 'session', storeName?: string): string => {
    const builder = new StreamsBuilder();
    const grouped = builder.stream<string, string>('input-topic').groupByKey();
    const options = storeName === undefined ? {} : { storeName };
    if (windowedBy === 'time') grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(1)).count(options);
    else if (windowedBy === 'sliding')
      grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(1)).count(options);
    else grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(1)).count(options);
    return builder.build().describe().toString();
  };
  const countTopology = (node: string, store: string): string =>
    lines(
      'Topologies:',
      '   Sub-topology: 0',
      '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])',
      `      --> ${node}`,
      `    Processor: ${node} (stores: [${store}])`,
      '      --> none',
      '      <-- KSTREAM-SOURCE-0000000000',
    );

  it('timeWindowZeroArgCountShouldPreserveTopologyStructure', () => {
    expect(windowedCount('time')).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000002', 'KSTREAM-AGGREGATE-STATE-STORE-0000000001'),
    );
  });

  it('timeWindowNamedMaterializedCountShouldPreserveTopologyStructure', () => {
    expect(windowedCount('time', 'count-store')).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000001', 'count-store'),
    );
  });

  // Kafka's test of this name builds its topology with TimeWindows; the expected text is the same for sliding.
  it('slidingWindowNamedMaterializedCountShouldPreserveTopologyStructure', () => {
    expect(windowedCount('sliding', 'count-store')).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000001', 'count-store'),
    );
  });

  // KIP-825: Kafka's TimeWindowedKStreamImpl / SlidingWindowedKStreamImpl build the same graph for
  // EmitStrategy.onWindowClose() (only the store supplier differs), so the text is timeWindowZeroArgCount's.
  it('time and sliding windowed counts with EmitStrategy.onWindowClose() describe as with onWindowUpdate()', () => {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('input-topic')
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(1))
      .emitStrategy(EmitStrategy.onWindowClose())
      .count();
    expect(builder.build().describe().toString()).toBe(windowedCount('time'));
    const sliding = new StreamsBuilder();
    sliding
      .stream<string, string>('input-topic')
      .groupByKey()
      .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(1))
      .emitStrategy(EmitStrategy.onWindowClose())
      .count({ storeName: 'count-store' });
    expect(sliding.build().describe().toString()).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000001', 'count-store'),
    );
  });

  it('sessionWindowZeroArgCountShouldPreserveTopologyStructure', () => {
    expect(windowedCount('session')).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000002', 'KSTREAM-AGGREGATE-STATE-STORE-0000000001'),
    );
  });

  it('sessionWindowNamedMaterializedCountShouldPreserveTopologyStructure', () => {
    expect(windowedCount('session', 'count-store')).toBe(
      countTopology('KSTREAM-AGGREGATE-0000000001', 'count-store'),
    );
  });
});
