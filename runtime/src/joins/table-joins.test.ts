import { describe, expect, it } from 'vitest';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

describe('stream–table join', () => {
  it('looks up the current table value; tombstones remove it; updates to the table emit nothing', () => {
    const builder = new StreamsBuilder();
    const table = builder.table<string, string>('users', strings);
    builder
      .stream<string, string>('clicks', strings)
      .leftJoin(table, (click, user) => `${click}/${String(user)}`)
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    const users = driver.createInputTopic('users', strings);
    const clicks = driver.createInputTopic('clicks', strings);
    const out = driver.createOutputTopic('out', strings);
    users.pipeInput('u', 'Ada', 0);
    clicks.pipeInput('u', 'c1', 5);
    users.pipeInput('u', null, 6);
    clicks.pipeInput('u', 'c2', 7);
    clicks.pipeInput('u', null, 8); // null stream values are dropped
    clicks.pipeInput(null, 'c3', 9); // left join: a null key cannot match, but the record is kept
    expect(out.readRecordsToList().map((r) => `${r.key}:${r.value}@${r.timestamp}`)).toEqual([
      'u:c1/Ada@5',
      'u:c2/null@7',
      'null:c3/null@9',
    ]);
  });

  it('joins through a filtered table that has no store of its own (value getter of the parent)', () => {
    const builder = new StreamsBuilder();
    const table = builder.table<string, string>('t', strings).filter((_k, v) => v !== 'hidden');
    builder
      .stream<string, string>('s', strings)
      .join(table, (s, t) => `${s}=${t}`)
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('t', strings).pipeInput('a', 'shown', 0);
    driver.createInputTopic('t', strings).pipeInput('b', 'hidden', 0);
    const s = driver.createInputTopic('s', strings);
    s.pipeInput('a', 'x', 1);
    s.pipeInput('b', 'y', 1);
    expect(driver.createOutputTopic('out', strings).readValuesToList()).toEqual(['x=shown']);
  });
});

describe('stream–globalTable join', () => {
  it('looks the table up with the key selector; inner joins skip misses, left joins keep them', () => {
    const builder = new StreamsBuilder();
    const countries = builder.globalTable<string, string>('countries', strings);
    const orders = builder.stream<string, string>('orders', strings);
    orders
      .join(
        countries,
        (_k, v) => v.split(':')[0] ?? '',
        (o, c) => `${o} in ${c}`,
      )
      .to('inner', strings);
    orders
      .leftJoin(
        countries,
        (_k, v) => v.split(':')[0] ?? '',
        (o, c) => `${o} in ${String(c)}`,
      )
      .to('left', strings);
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('countries', strings).pipeInput('UK', 'United Kingdom', 0);
    const input = driver.createInputTopic('orders', strings);
    input.pipeInput('o1', 'UK:tea', 1);
    input.pipeInput('o2', 'FR:wine', 2);
    expect(driver.createOutputTopic('inner', strings).readKeyValuesToList()).toEqual([
      { key: 'o1', value: 'UK:tea in United Kingdom' },
    ]);
    expect(driver.createOutputTopic('left', strings).readValuesToList()).toEqual([
      'UK:tea in United Kingdom',
      'FR:wine in null',
    ]);
  });
});

describe('table–table join', () => {
  it('names nodes like Kafka (KTABLE-MERGE first, then JOINTHIS/JOINOTHER) and connects the other side stores', () => {
    const builder = new StreamsBuilder();
    const a = builder.table<string, string>('a', strings);
    const b = builder.table<string, string>('b', strings);
    a.join(b, (x, y) => x + y);
    const text = builder.build().describe().toString();
    expect(text).toContain('Processor: KTABLE-JOINTHIS-0000000007 (stores: [b-STATE-STORE-0000000003])');
    expect(text).toContain('Processor: KTABLE-JOINOTHER-0000000008 (stores: [a-STATE-STORE-0000000000])');
    expect(text).toContain('KTABLE-MERGE-0000000006');
  });

  it('retracts an inner join result when one side is deleted', () => {
    const builder = new StreamsBuilder();
    const a = builder.table<string, string>('a', strings);
    const b = builder.table<string, string>('b', strings);
    a.join(b, (x, y) => `${x}${y}`)
      .toStream()
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('a', strings).pipeInput('k', 'x', 1);
    driver.createInputTopic('b', strings).pipeInput('k', 'y', 2);
    driver.createInputTopic('b', strings).pipeInput('k', null, 3);
    expect(
      driver
        .createOutputTopic('out', strings)
        .readRecordsToList()
        .map((r) => [r.value, r.timestamp]),
    ).toEqual([
      ['xy', 2],
      [null, 3],
    ]);
  });

  it('an unmaterialized join result can be looked up (stream joined with a table–table left join)', () => {
    const builder = new StreamsBuilder();
    const a = builder.table<string, string>('a', strings);
    const b = builder.table<string, string>('b', strings);
    const ab = a.leftJoin(b, (x, y) => `${x}&${String(y)}`);
    builder
      .stream<string, string>('s', strings)
      .join(ab, (s, t) => `${s}:${t}`)
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('a', strings).pipeInput('k', 'x', 1);
    const s = driver.createInputTopic('s', strings);
    s.pipeInput('k', 'first', 2);
    driver.createInputTopic('b', strings).pipeInput('k', 'y', 3);
    s.pipeInput('k', 'second', 4);
    s.pipeInput('other', 'none', 5);
    expect(driver.createOutputTopic('out', strings).readValuesToList()).toEqual([
      'first:x&null',
      'second:x&y',
    ]);
  });
});
