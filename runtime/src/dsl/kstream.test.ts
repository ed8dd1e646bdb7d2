import { describe, expect, it } from 'vitest';
import type { ProcessorContext, StreamRecord } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import type { KeyValueStore } from '../state/key-value-store.js';
import { Stores } from '../state/stores.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import type { KStream } from './kstream.js';
import { StreamsBuilder } from './streams-builder.js';

const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

/** Builds `input → f(stream) → output` (string serdes) and returns piping/reading helpers. */
function run(f: (s: KStream<string, string>, b: StreamsBuilder) => KStream<string, string> | void) {
  const b = new StreamsBuilder();
  const out = f(b.stream<string, string>('input', str), b);
  if (out) out.to('output', str);
  const driver = new TopologyTestDriver(b.build(), { initialWallClockTime: 1000 });
  const input = driver.createInputTopic('input', str);
  const output = driver.createOutputTopic('output', str);
  return { driver, input, output };
}

describe('KStream stateless operators', () => {
  it('filter and filterNot keep complementary records, nulls reach the predicate', () => {
    const seen: (string | null)[] = [];
    const { input, output } = run((s) =>
      s.filter((_k, v) => {
        seen.push(v);
        return v !== null && v.startsWith('a');
      }),
    );
    input.pipeInput('k', 'apple');
    input.pipeInput('k', 'banana');
    input.pipeInput('k', null);
    expect(output.readValuesToList()).toEqual(['apple']);
    expect(seen).toEqual(['apple', 'banana', null]);

    const not = run((s) => s.filterNot((_k, v) => v.startsWith('a')));
    not.input.pipeInput('k', 'apple');
    not.input.pipeInput('k', 'banana');
    expect(not.output.readValuesToList()).toEqual(['banana']);
  });

  it('map, mapValues (value, key) and selectKey keep timestamps and headers', () => {
    const { input, output } = run((s) =>
      s
        .map((k, v) => ({ key: v, value: k }))
        .mapValues((v, k) => `${k}:${v}`)
        .selectKey((k) => k.toUpperCase()),
    );
    input.pipeRecord({ key: 'key', value: 'val', timestamp: 42, headers: new Map([['h', 'x']]) });
    const r = output.readRecord();
    expect(r).toMatchObject({ key: 'VAL', value: 'val:key', timestamp: 42 });
    expect(r.headers.get('h')).toBe('x');
  });

  it('flatMap and flatMapValues emit zero or more records', () => {
    const { input, output } = run((s) =>
      s
        .flatMap((k, v) => v.split(',').map((part, i) => ({ key: `${k}${i}`, value: part })))
        .flatMapValues((v) => (v === 'skip' ? [] : [v, v])),
    );
    input.pipeInput('k', 'a,skip,b');
    expect(output.readKeyValuesToList()).toEqual([
      { key: 'k0', value: 'a' },
      { key: 'k0', value: 'a' },
      { key: 'k2', value: 'b' },
      { key: 'k2', value: 'b' },
    ]);
  });

  it('peek passes records through, foreach is terminal', () => {
    const peeked: string[] = [];
    const each: string[] = [];
    const { input, output } = run((s) => {
      s.foreach((k, v) => each.push(`${k}=${v}`));
      return s.peek((k, v) => peeked.push(`${k}=${v}`));
    });
    input.pipeInput('a', '1');
    expect(peeked).toEqual(['a=1']);
    expect(each).toEqual(['a=1']);
    expect(output.readKeyValue()).toEqual({ key: 'a', value: '1' });
  });

  it('split sends each record to the first matching branch, else the default; names follow Kafka', () => {
    const b = new StreamsBuilder();
    const branches = b
      .stream<string, string>('input', str)
      .split({ name: 'route-' })
      .branch((_k, v) => v.startsWith('a'), { name: 'a' })
      .branch((_k, v) => v.startsWith('b'))
      .defaultBranch({ name: 'other' });
    expect([...branches.keys()]).toEqual(['route-a', 'route-2', 'route-other']);
    branches.get('route-a')?.to('out-a', str);
    branches.get('route-2')?.to('out-b', str);
    branches.get('route-other')?.to('out-other', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    for (const v of ['apple', 'banana', 'cherry', 'avocado']) input.pipeInput('k', v);
    expect(driver.createOutputTopic('out-a', str).readValuesToList()).toEqual(['apple', 'avocado']);
    expect(driver.createOutputTopic('out-b', str).readValuesToList()).toEqual(['banana']);
    expect(driver.createOutputTopic('out-other', str).readValuesToList()).toEqual(['cherry']);
  });

  it('split without a default branch drops unmatched records; chain transforms a branch', () => {
    const b = new StreamsBuilder();
    const branches = b
      .stream<string, string>('input', str)
      .split()
      .branch((_k, v) => v.length > 3, { chain: (s) => s.mapValues((v) => v.toUpperCase()) })
      .noDefaultBranch();
    expect([...branches.keys()]).toEqual(['KSTREAM-BRANCH-00000000011']);
    branches.get('KSTREAM-BRANCH-00000000011')?.to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('k', 'long');
    input.pipeInput('k', 'no');
    expect(driver.createOutputTopic('output', str).readValuesToList()).toEqual(['LONG']);
  });

  it('merge combines two streams in arrival order', () => {
    const { input, output, driver } = run((s, b) => s.merge(b.stream<string, string>('other', str)));
    const other = driver.createInputTopic('other', str);
    input.pipeInput('a', '1');
    other.pipeInput('b', '2');
    input.pipeInput('c', '3');
    expect(output.readKeyValuesToList().map((kv) => kv.key)).toEqual(['a', 'b', 'c']);
  });

  it('repartition goes through <applicationId>-<name>-repartition and comes back', () => {
    const { input, output, driver } = run((s) => s.selectKey((_k, v) => v).repartition({ name: 'by-value' }));
    input.pipeInput('k', 'v');
    expect(output.readKeyValue()).toEqual({ key: 'v', value: 'v' });
    expect(driver.producedTopicNames()).toContain('topology-test-driver-by-value-repartition');
  });

  it('to(extractor) picks the topic per record', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str).to((key) => `out-${key}`, str);
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('input', str).pipeInput('x', '1');
    expect(driver.createOutputTopic('out-x', str).readValue()).toBe('1');
  });
});

describe('event time', () => {
  it('takes record time from a timestampExtractor; stream time only moves forward; invalid times are dropped', () => {
    const b = new StreamsBuilder();
    const streamTimes: number[] = [];
    b.stream<string, string>('input', {
      ...str,
      timestampExtractor: (_k, value) => Number(value),
    })
      .process<string, string>(() => {
        let ctx!: ProcessorContext<string, string>;
        return {
          init: (c) => (ctx = c),
          process: (r) => {
            streamTimes.push(ctx.currentStreamTimeMs());
            ctx.forward(r);
          },
        };
      })
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('a', '100', 1);
    input.pipeInput('b', '40', 2);
    input.pipeInput('c', '-5', 3);
    input.pipeInput('d', '150', 4);
    const out = driver.createOutputTopic('output', str).readRecordsToList();
    expect(out.map((r) => [r.key, r.timestamp])).toEqual([
      ['a', 100],
      ['b', 40],
      ['d', 150],
    ]);
    expect(streamTimes).toEqual([100, 100, 150]);
    expect(driver.nodeMetrics().find((m) => m.nodeName === 'KSTREAM-SOURCE-0000000000')?.droppedRecords).toBe(
      1,
    );
  });
});

describe('KStream grouping and aggregation', () => {
  it('groupByKey().count() counts per key, drops null keys and null values and counts the drops', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str)
      .groupByKey()
      .count({ storeName: 'counts' })
      .toStream()
      .to('output', {
        keySerde: Serdes.string(),
        valueSerde: Serdes.long(),
      });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('a', 'x', 10);
    input.pipeInput(null, 'x', 11);
    input.pipeInput('a', null, 12);
    input.pipeInput('b', 'y', 13);
    input.pipeInput('a', 'z', 14);
    const output = driver.createOutputTopic('output', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.long(),
    });
    expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', 1, 10],
      ['b', 1, 13],
      ['a', 2, 14],
    ]);
    expect(driver.getKeyValueStore<string, number>('counts')?.all()).toEqual([
      { key: 'a', value: 2 },
      { key: 'b', value: 1 },
    ]);
    const aggregate = driver.nodeMetrics().find((m) => m.nodeName.startsWith('KSTREAM-AGGREGATE-'));
    expect(aggregate?.droppedRecords).toBe(2);
  });

  it('aggregate output carries the max timestamp seen for the key (out-of-order input)', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str)
      .groupByKey()
      .aggregate(
        () => '',
        (_k, v, agg) => agg + v,
        { valueSerde: Serdes.string() },
      )
      .toStream()
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('k', 'a', 100);
    input.pipeInput('k', 'b', 50);
    const out = driver.createOutputTopic('output', str).readRecordsToList();
    expect(out.map((r) => [r.value, r.timestamp])).toEqual([
      ['a', 100],
      ['ab', 100],
    ]);
  });

  it('groupBy re-keys through a repartition topic; reduce combines values', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str)
      .groupBy((_k, v) => v.charAt(0), { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .reduce((agg, v) => `${agg}+${v}`, { storeName: 'by-letter' })
      .toStream()
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('1', 'apple');
    input.pipeInput('2', 'banana');
    input.pipeInput('3', 'avocado');
    expect(driver.createOutputTopic('output', str).readKeyValuesToList()).toEqual([
      { key: 'a', value: 'apple' },
      { key: 'b', value: 'banana' },
      { key: 'a', value: 'apple+avocado' },
    ]);
    expect(driver.producedTopicNames()).toContain('topology-test-driver-by-letter-repartition');
  });

  it('a user-named repartition topic is shared by several aggregations of one grouped stream', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream<string, string>('input', str).groupBy((_k, v) => v, { name: 'by-value' });
    grouped.count();
    grouped.reduce((a, v) => a + v);
    const text = b.build().describe().toString();
    expect(text.match(/Sink: by-value-repartition-sink/g)).toHaveLength(1);
  });
});

describe('KStream#process and #processValues (Processor API)', () => {
  it('forwards, reads metadata and headers, and uses a connected store', () => {
    const b = new StreamsBuilder();
    b.addStateStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('seen'), Serdes.string(), Serdes.long()),
    );
    b.stream<string, string>('input', str)
      .process<string, string>(
        () => {
          let ctx!: ProcessorContext<string, string>;
          let store!: KeyValueStore<string, number>;
          return {
            init(context) {
              ctx = context;
              store = context.getStateStore<KeyValueStore<string, number>>('seen');
            },
            process(record) {
              const n = (store.get(record.key) ?? 0) + 1;
              store.put(record.key, n);
              const meta = ctx.recordMetadata();
              ctx.forward({
                ...record,
                key: `${record.key}#${n}`,
                value: `${meta?.topic}@${meta?.offset}:${String(record.headers.get('trace'))}`,
              });
            },
          };
        },
        { stores: ['seen'] },
      )
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeRecord({ key: 'a', value: '1', headers: new Map([['trace', 't1']]) });
    input.pipeInput('a', '2');
    expect(driver.createOutputTopic('output', str).readKeyValuesToList()).toEqual([
      { key: 'a#1', value: 'input@0:t1' },
      { key: 'a#2', value: 'input@1:undefined' },
    ]);
    expect(driver.getKeyValueStore<string, number>('seen')?.get('a')).toBe(2);
  });

  it('refuses access to a store the processor is not connected to', () => {
    const b = new StreamsBuilder();
    b.addStateStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('private'), Serdes.string(), Serdes.long()),
    );
    b.stream<string, string>('input', str).process(() => ({
      init: (ctx: ProcessorContext<never, never>) => void ctx.getStateStore('private'),
      process: () => undefined,
    }));
    expect(() => new TopologyTestDriver(b.build())).toThrow(/no access to store "private"/);
  });

  it('runs stream-time and wall-clock punctuators', () => {
    const b = new StreamsBuilder();
    const fired: string[] = [];
    b.stream<string, string>('input', str)
      .process<string, string>(() => {
        let ctx!: ProcessorContext<string, string>;
        return {
          init(context) {
            ctx = context;
            context.schedule(10, 'STREAM_TIME', (ts) => {
              fired.push(`stream@${ts}`);
              ctx.forward({ key: 'tick', value: String(ts), timestamp: ts, headers: new Map() });
            });
            context.schedule(100, 'WALL_CLOCK_TIME', (ts) => fired.push(`wall@${ts}`));
          },
          process: () => undefined,
        };
      })
      .to('output', str);
    const driver = new TopologyTestDriver(b.build(), { initialWallClockTime: 0 });
    const input = driver.createInputTopic('input', str);
    input.pipeInput('k', 'v', 5);
    input.pipeInput('k', 'v', 8);
    input.pipeInput('k', 'v', 3);
    input.pipeInput('k', 'v', 25);
    driver.advanceWallClockTime(99);
    driver.advanceWallClockTime(1);
    expect(fired).toEqual(['stream@5', 'stream@25', 'wall@100']);
    expect(driver.createOutputTopic('output', str).readValuesToList()).toEqual(['5', '25']);
  });

  it('processValues keeps the input key even if the processor forwards another', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str)
      .processValues<string>(() => {
        let ctx!: ProcessorContext<string, string>;
        return {
          init: (c) => (ctx = c),
          process: (r: StreamRecord<string, string>) =>
            ctx.forward({ ...r, key: 'changed', value: r.value.toUpperCase() }),
        };
      })
      .to('output', str);
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('input', str).pipeInput('orig', 'v');
    expect(driver.createOutputTopic('output', str).readKeyValue()).toEqual({ key: 'orig', value: 'V' });
  });

  it('reports which node failed', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str).mapValues(
      () => {
        throw new Error('boom');
      },
      { name: 'exploder' },
    );
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    expect(() => input.pipeInput('k', 'v')).toThrow(/exploder.*boom/);
    expect(driver.nodeMetrics().find((m) => m.nodeName === 'exploder')?.errors).toBe(1);
  });

  it('counts records in and out per node', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', { ...str, name: 'src' })
      .filter((_k, v) => v === 'keep', { name: 'keep-only' })
      .to('output', { ...str, name: 'sink' });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('k', 'keep');
    input.pipeInput('k', 'drop');
    const m = new Map(driver.nodeMetrics().map((n) => [n.nodeName, n]));
    expect([m.get('src')?.recordsIn, m.get('src')?.recordsOut]).toEqual([2, 2]);
    expect([m.get('keep-only')?.recordsIn, m.get('keep-only')?.recordsOut]).toEqual([2, 1]);
    expect(m.get('sink')?.recordsOut).toBe(1);
    // Latency is sampled one record in eight, starting with the first.
    expect(m.get('keep-only')?.latency.count).toBe(1);
  });
});

// Ported from Kafka's streams/src/test/java/org/apache/kafka/streams/kstream/internals/KStreamImplTest.java
describe('KStreamImplTest ports', () => {
  it('shouldNotMaterializedKTableFromKStream', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str).toTable().toStream().to('output', str);
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-TOTABLE-0000000001\n' +
        '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [])\n' +
        '      --> KTABLE-TOSTREAM-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KTABLE-TOSTREAM-0000000003 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000004\n' +
        '      <-- KSTREAM-TOTABLE-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000004 (topic: output)\n' +
        '      <-- KTABLE-TOSTREAM-0000000003\n\n',
    );
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('A', '01', 5);
    input.pipeInput('B', '02', 100);
    input.pipeInput('C', '03', 0);
    input.pipeInput('D', '04', 0);
    input.pipeInput('A', '05', 10);
    input.pipeInput('A', '06', 8);
    expect(
      driver
        .createOutputTopic('output', str)
        .readRecordsToList()
        .map((r) => [r.key, r.value, r.timestamp]),
    ).toEqual([
      ['A', '01', 5],
      ['B', '02', 100],
      ['C', '03', 0],
      ['D', '04', 0],
      ['A', '05', 10],
      ['A', '06', 8],
    ]);
  });

  it('shouldBindStateWithOldProcessor (named process node)', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('input', str)
      .process<string, number>(
        () => {
          let ctx!: ProcessorContext<string, number>;
          return {
            init: (c) => (ctx = c),
            process: (r: StreamRecord<string, string>) => ctx.forward({ ...r, value: r.value.length }),
          };
        },
        { name: 'p' },
      )
      .to('output', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> p\n' +
        '    Processor: p (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000001\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: KSTREAM-SINK-0000000001 (topic: output)\n' +
        '      <-- p\n\n',
    );
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('input', str);
    input.pipeInput('A', '0', 5);
    input.pipeInput('B', '00', 100);
    input.pipeInput('A', '000000', 8);
    expect(
      driver
        .createOutputTopic('output', { keySerde: Serdes.string(), valueSerde: Serdes.long() })
        .readRecordsToList()
        .map((r) => [r.key, r.value, r.timestamp]),
    ).toEqual([
      ['A', 1, 5],
      ['B', 2, 100],
      ['A', 6, 8],
    ]);
  });
});
