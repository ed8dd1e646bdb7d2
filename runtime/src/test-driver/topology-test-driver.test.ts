import { describe, expect, it } from 'vitest';
import type { ProcessorContext, StreamRecord } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import type { KeyValueStore } from '../state/key-value-store.js';
import { Stores } from '../state/stores.js';
import { Topology } from '../topology/topology.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { TopologyTestDriver } from './topology-test-driver.js';

const str = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

describe('TopologyTestDriver', () => {
  it('feeds a global store through the user processor of Topology#addGlobalStore', () => {
    const topology = new Topology().addGlobalStore(
      Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore('rates'),
        Serdes.string(),
        Serdes.double(),
      ).withLoggingDisabled(),
      'rates-source',
      'rates',
      { keySerde: Serdes.string(), valueSerde: Serdes.string() },
      'rates-loader',
      () => {
        let store!: KeyValueStore<string, number>;
        return {
          init: (ctx: ProcessorContext<void, void>) =>
            (store = ctx.getStateStore<KeyValueStore<string, number>>('rates')),
          process: (r: StreamRecord<string, string>) =>
            store.put(r.key, r.value === null ? null : Number(r.value)),
        };
      },
    );
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic('rates', str);
    input.pipeInput('eur', '1.1');
    input.pipeInput('gbp', '1.3');
    input.pipeInput('eur', null);
    expect(driver.getKeyValueStore<string, number>('rates')?.all()).toEqual([{ key: 'gbp', value: 1.3 }]);
  });

  it('rejects unknown topics, timestamps by input-topic time, and refuses use after close', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in', str).to('out', str);
    const driver = new TopologyTestDriver(b.build(), { initialWallClockTime: 1_000 });
    expect(() => driver.createInputTopic('nope', str)).toThrow(/Unknown topic: nope/);
    const input = driver.createInputTopic('in', { ...str, startTimestamp: 50, autoAdvanceMs: 10 });
    input.pipeInput('a', '1');
    input.pipeInput('b', '2');
    input.pipeKeyValueList(
      [
        { key: 'c', value: '3' },
        { key: 'd', value: '4' },
      ],
      500,
      5,
    );
    const output = driver.createOutputTopic('out', str);
    expect(output.getQueueSize()).toBe(4);
    expect(output.readRecordsToList().map((r) => r.timestamp)).toEqual([50, 60, 500, 505]);
    expect(() => output.readRecord()).toThrow(/Empty topic: out/);
    driver.close();
    expect(() => input.pipeInput('x', 'y')).toThrow(/closed/);
    expect(() => driver.advanceWallClockTime(1)).toThrow(/closed/);
  });

  it('readKeyValuesToMap keeps the latest value per key and removes tombstoned keys', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in', str).to('out', str);
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('in', str);
    input.pipeRecordList([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'a', value: '3' },
      { key: 'b', value: null },
    ]);
    expect(driver.createOutputTopic('out', str).readKeyValuesToMap()).toEqual(new Map([['a', '3']]));
  });

  it('uses the configured default serdes where a topology gives none', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in')
      .mapValues((v) => v.toUpperCase())
      .to('out');
    const driver = new TopologyTestDriver(b.build(), {
      defaultKeySerde: Serdes.string(),
      defaultValueSerde: Serdes.string(),
    });
    driver.createInputTopic<string, string>('in').pipeInput('k', 'v');
    const raw = driver
      .createOutputTopic('out', { keySerde: Serdes.bytes(), valueSerde: Serdes.bytes() })
      .readValue();
    expect(new TextDecoder().decode(raw ?? new Uint8Array())).toBe('V');
  });

  it("shares stream time across sub-topologies, like Kafka's single-task driver", () => {
    const b = new StreamsBuilder();
    const fired: number[] = [];
    b.stream<string, string>('in', str)
      .filter((_k, v) => v !== 'drop')
      .repartition({ name: 'hop' })
      .process(() => ({
        init: (ctx: ProcessorContext<never, never>) =>
          void ctx.schedule(10, 'STREAM_TIME', (ts) => fired.push(ts)),
        process: () => undefined,
      }));
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('in', str);
    input.pipeInput('k', 'keep', 5);
    input.pipeInput('k', 'drop', 30);
    expect(fired).toEqual([5, 30]);
  });
});
