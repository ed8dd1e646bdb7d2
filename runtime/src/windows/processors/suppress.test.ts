import { describe, expect, it } from 'vitest';
import { StreamsBuilder } from '../../dsl/streams-builder.js';
import { Serdes } from '../../serdes/serdes.js';
import { TopologyTestDriver } from '../../test-driver/topology-test-driver.js';
import { BufferConfig, Suppressed } from '../suppressed.js';
import { SuppressionBuffer } from '../suppression-buffer.js';
import { TimeWindows } from '../time-windows.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

describe('suppress', () => {
  it('untilTimeLimit emits the latest value per key once stream time passes first update + limit', () => {
    const builder = new StreamsBuilder();
    builder
      .table<string, string>('in', strings)
      .suppress(Suppressed.untilTimeLimit(10))
      .toStream()
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', strings);
    const out = driver.createOutputTopic('out', strings);
    input.pipeInput('a', '1', 0);
    input.pipeInput('a', '2', 5);
    input.pipeInput('b', '1', 6);
    expect(out.isEmpty()).toBe(true);
    input.pipeInput('c', '1', 10); // a was first buffered at 0: 0 + 10 ≤ 10
    expect(out.readRecordsToList()).toEqual([{ key: 'a', value: '2', timestamp: 5, headers: new Map() }]);
    input.pipeInput('c', '2', 16);
    expect(out.readKeyValuesToList()).toEqual([{ key: 'b', value: '1' }]);
  });

  it('untilTimeLimit with a record limit emits the oldest early when the buffer is full', () => {
    const builder = new StreamsBuilder();
    builder
      .table<string, string>('in', strings)
      .suppress(Suppressed.untilTimeLimit(1_000, BufferConfig.maxRecords(1)))
      .toStream()
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', strings);
    input.pipeInput('a', '1', 0);
    input.pipeInput('b', '1', 1);
    expect(driver.createOutputTopic('out', strings).readKeyValuesToList()).toEqual([
      { key: 'a', value: '1' },
    ]);
  });

  it('untilWindowCloses on a table that is not windowed is a clear error', () => {
    const table = new StreamsBuilder().table<string, string>('in', strings);
    expect(() => table.suppress(Suppressed.untilWindowCloses())).toThrow(/only to windowed tables/);
  });

  it('names the processor and its buffer store after withName', () => {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('in', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
      .count()
      .suppress(Suppressed.untilWindowCloses().withName('final'));
    expect(builder.build().describe().toString()).toContain('Processor: final (stores: [final-store])');
  });
});

describe('SuppressionBuffer', () => {
  it('keeps the first buffer time per key, evicts in (time, key) order and restores from its changelog', () => {
    const log: [Uint8Array, Uint8Array | null][] = [];
    const buffer = new SuppressionBuffer('b', Serdes.string(), Serdes.string());
    buffer.setChangeLogger((k, v) => log.push([k, v]));
    buffer.put('b', 5, 'x', null, 5, new Map());
    buffer.put('a', 5, 'y', null, 5, new Map());
    buffer.put('b', 9, 'z', null, 9, new Map()); // same key: value replaced, buffer time stays 5
    expect(buffer.minBufferTime()).toBe(5);

    const restored = new SuppressionBuffer('b', Serdes.string(), Serdes.string());
    for (const [k, v] of log) restored.restore(k, v);
    expect(restored.evictWhile((r) => r.bufferTime <= 5).map((r) => [r.key, r.value])).toEqual([
      ['a', 'y'],
      ['b', 'z'],
    ]);
    expect(buffer.evictWhile(() => true).map((r) => r.key)).toEqual(['a', 'b']);
    expect(log.at(-1)?.[1]).toBeNull(); // evictions are logged as deletes
  });
});
