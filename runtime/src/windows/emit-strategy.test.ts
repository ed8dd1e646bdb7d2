import { describe, expect, it } from 'vitest';
import { Serdes } from '../serdes/serdes.js';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import { EmitStrategy } from './emit-strategy.js';
import { TimeWindows } from './time-windows.js';
import { SlidingWindows } from './sliding-windows.js';

const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

function run(emit: EmitStrategy | null, sliding = false): string[] {
  const builder = new StreamsBuilder();
  const grouped = builder.stream<string, string>('in', strings).groupByKey();
  const windowed = sliding
    ? grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))
    : grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(10));
  if (emit) windowed.emitStrategy(emit);
  windowed
    .count()
    .toStream()
    .map((k, v) => ({ key: `${k.key}@${k.window.start}`, value: String(v) }))
    .to('out', strings);
  const driver = new TopologyTestDriver(builder.build());
  const input = driver.createInputTopic('in', strings);
  for (const [k, ts] of [
    ['a', 1],
    ['a', 2],
    ['b', 12],
    ['a', 25],
  ] as const)
    input.pipeInput(k, 'v', ts);
  return driver
    .createOutputTopic('out', strings)
    .readRecordsToList()
    .map((r) => `${r.key}=${r.value}@${r.timestamp}`);
}

describe('EmitStrategy', () => {
  it('onWindowUpdate is the default: every update is forwarded', () => {
    expect(run(null)).toEqual(['a@0=1@1', 'a@0=2@2', 'b@10=1@12', 'a@20=1@25']);
    expect(run(EmitStrategy.onWindowUpdate())).toEqual(run(null));
  });

  it('onWindowClose forwards each closed window once, in window-start then key order', () => {
    expect(run(EmitStrategy.onWindowClose())).toEqual(['a@0=2@2', 'b@10=1@12']);
  });

  it('onWindowClose on sliding windows forwards only windows whose end is before the close time', () => {
    // Stream time 25 closes the windows ending before 25: a's [0,10] (both records), the right window [2,12]
    // a@1 opened for a@2, and b's [2,12].
    expect(run(EmitStrategy.onWindowClose(), true)).toEqual(['a@0=2@2', 'a@2=1@2', 'b@2=1@12']);
  });

  it('is read when the aggregation is built, as in Kafka', () => {
    const builder = new StreamsBuilder();
    const windowed = builder
      .stream<string, string>('in', strings)
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10));
    expect(windowed.emitStrategy(EmitStrategy.onWindowClose())).toBe(windowed);
    expect(EmitStrategy.onWindowClose().type).toBe('ON_WINDOW_CLOSE');
    expect(EmitStrategy.onWindowUpdate().emitsOnWindowClose).toBe(false);
  });
});
