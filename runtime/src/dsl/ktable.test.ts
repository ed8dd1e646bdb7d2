import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import { StreamsBuilder } from './streams-builder.js';

const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };
const strLong = { keySerde: Serdes.string(), valueSerde: Serdes.long() };

describe('KTable', () => {
  it('a source table upserts, deletes on tombstones and forwards every update through toStream', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('users', { ...str, storeName: 'users-store' })
      .toStream()
      .to('out', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('users', str);
    input.pipeInput('u1', 'alice');
    input.pipeInput('u1', 'alicia');
    input.pipeInput('u2', 'bob');
    input.pipeInput('u1', null);
    input.pipeInput(null, 'ignored');
    expect(driver.createOutputTopic('out', str).readKeyValuesToList()).toEqual([
      { key: 'u1', value: 'alice' },
      { key: 'u1', value: 'alicia' },
      { key: 'u2', value: 'bob' },
      { key: 'u1', value: null },
    ]);
    const store = driver.getKeyValueStore<string, string>('users-store');
    expect(store?.get('u1')).toBeNull();
    expect(store?.all()).toEqual([{ key: 'u2', value: 'bob' }]);
    expect(
      driver.getTimestampedKeyValueStore<string, string>('users-store')?.get('u2')?.timestamp,
    ).toBeTypeOf('number');
  });

  it('filter forwards a tombstone for records that stop (or never) match, as Kafka without old values', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('t', str)
      .filter((_k, v) => v.length > 2)
      .toStream()
      .to('out', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('t', str);
    input.pipeInput('a', 'long');
    input.pipeInput('a', 'x');
    input.pipeInput('b', 'y');
    expect(driver.createOutputTopic('out', str).readKeyValuesToList()).toEqual([
      { key: 'a', value: 'long' },
      { key: 'a', value: null },
      { key: 'b', value: null },
    ]);
  });

  it('mapValues (value, key) and filterNot materialized into a queryable store', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('t', str)
      .mapValues((v, k) => `${k}=${v}`)
      .filterNot((_k, v) => v.endsWith('secret'), { storeName: 'visible', valueSerde: Serdes.string() });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('t', str);
    input.pipeInput('a', '1');
    input.pipeInput('b', 'secret');
    expect(driver.getKeyValueStore<string, string>('visible')?.all()).toEqual([{ key: 'a', value: 'a=1' }]);
  });

  it('groupBy().count() subtracts the old value when a row moves to another group', () => {
    const b = new StreamsBuilder();
    b.table<string, string>('user-region', str)
      .groupBy((user, region) => ({ key: region, value: user }), str)
      .count({ storeName: 'per-region' })
      .toStream()
      .to('out', strLong);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('user-region', str);
    input.pipeInput('alice', 'eu');
    input.pipeInput('bob', 'eu');
    input.pipeInput('alice', 'us');
    input.pipeInput('bob', null);
    expect(driver.createOutputTopic('out', strLong).readKeyValuesToList()).toEqual([
      { key: 'eu', value: 1 },
      { key: 'eu', value: 2 },
      { key: 'eu', value: 1 },
      { key: 'us', value: 1 },
      { key: 'eu', value: 0 },
    ]);
    expect(driver.getKeyValueStore<string, number>('per-region')?.all()).toEqual([
      { key: 'eu', value: 0 },
      { key: 'us', value: 1 },
    ]);
  });

  it('groupBy on the same key updates in place; reduce and aggregate use adder and subtractor', () => {
    const b = new StreamsBuilder();
    const grouped = b
      .table<string, number>('scores', { keySerde: Serdes.string(), valueSerde: Serdes.long() })
      .groupBy((player, score) => ({ key: player.split('-')[0] as string, value: score }), strLong);
    grouped
      .reduce(
        (a, v) => a + v,
        (a, v) => a - v,
        { storeName: 'team-total' },
      )
      .toStream()
      .to('totals', strLong);
    grouped.aggregate(
      () => ({ n: 0 }),
      (_k, _v, agg) => ({ n: agg.n + 1 }),
      (_k, _v, agg) => ({ n: agg.n - 1 }),
      { storeName: 'team-size', valueSerde: Serdes.json<{ n: number }>() },
    );
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('scores', { keySerde: Serdes.string(), valueSerde: Serdes.long() });
    input.pipeInput('red-1', 10);
    input.pipeInput('red-2', 5);
    input.pipeInput('red-1', 7);
    expect(driver.createOutputTopic('totals', strLong).readKeyValuesToList()).toEqual([
      { key: 'red', value: 10 },
      { key: 'red', value: 15 },
      { key: 'red', value: 12 },
    ]);
    expect(driver.getKeyValueStore<string, { n: number }>('team-size')?.get('red')).toEqual({ n: 2 });
  });

  it('toTable turns a stream into a table, repartitioning after a key change', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in', str)
      .selectKey((_k, v) => v.toUpperCase())
      .toTable({ storeName: 'latest', ...str })
      .toStream()
      .to('out', str);
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('in', str).pipeInput('k', 'v');
    expect(driver.createOutputTopic('out', str).readKeyValue()).toEqual({ key: 'V', value: 'v' });
    expect(driver.getKeyValueStore<string, string>('latest')?.get('V')).toBe('v');
  });
});

describe('GlobalKTable and global stores', () => {
  it('loads every record of its topic into a store readable by any processor', () => {
    const b = new StreamsBuilder();
    const countries = b.globalTable<string, string>('countries', { ...str, storeName: 'countries-store' });
    b.stream<string, string>('orders', str)
      .process<string, string>(() => {
        const getter = countries.valueGetterSupplier().get();
        let forward!: (v: string, k: string, ts: number) => void;
        return {
          init(ctx) {
            getter.init(ctx);
            forward = (v, k, ts) => ctx.forward({ key: k, value: v, timestamp: ts, headers: new Map() });
          },
          process(r) {
            forward(getter.get(r.value)?.value ?? 'unknown', r.key, r.timestamp);
          },
        };
      })
      .to('out', str);
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('countries', str).pipeInput('fr', 'France');
    const orders = driver.createInputTopic('orders', str);
    orders.pipeInput('o1', 'fr');
    orders.pipeInput('o2', 'de');
    expect(driver.createOutputTopic('out', str).readValuesToList()).toEqual(['France', 'unknown']);
    expect(driver.getKeyValueStore<string, string>('countries-store')?.get('fr')).toBe('France');
    expect(b.build().describe().toString()).toContain(
      'Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [countries])\n' +
        '      --> KTABLE-SOURCE-0000000001\n' +
        '    Processor: KTABLE-SOURCE-0000000001 (stores: [countries-store])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n',
    );
  });
});
