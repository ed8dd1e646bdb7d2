import { describe, expect, it } from 'vitest';
import { StreamsBuilder } from '../dsl/streams-builder.js';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import { ProcessingHandlers } from './processing-handler.js';

interface Reading {
  readonly sensor: string;
  readonly celsius: number;
}

/** Converts readings to Fahrenheit; a reading without a numeric temperature makes the lambda throw. */
function fahrenheit(): StreamsBuilder {
  const b = new StreamsBuilder();
  b.stream<string, Reading>('readings', { keySerde: Serdes.string(), valueSerde: Serdes.json() })
    .mapValues(
      (r) => {
        if (typeof r.celsius !== 'number') throw new TypeError(`no temperature for ${r.sensor}`);
        return (r.celsius * 9) / 5 + 32;
      },
      { name: 'to-fahrenheit' },
    )
    .to('fahrenheit', { keySerde: Serdes.string(), valueSerde: Serdes.double() });
  return b;
}

describe('ProcessingHandlers in the TopologyTestDriver', () => {
  it('deadLetter keeps the records around a failing one flowing and writes the failing one as it came', () => {
    const driver = new TopologyTestDriver(fahrenheit().build(), {
      processingHandler: ProcessingHandlers.deadLetter('readings-dlq'),
    });
    const input = driver.createInputTopic('readings', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.string(),
    });
    input.pipeInput('s1', '{"sensor":"s1","celsius":100}', 10);
    input.pipeInput('s2', '{"sensor":"s2","celsius":"hot"}', 11);
    input.pipeInput('s1', '{"sensor":"s1","celsius":0}', 12);
    const out = driver.createOutputTopic('fahrenheit', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.double(),
    });
    expect(out.readKeyValuesToList()).toEqual([
      { key: 's1', value: 212 },
      { key: 's1', value: 32 },
    ]);
    const dead = driver
      .createOutputTopic('readings-dlq', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .readRecordsToList();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.value).toBe('{"sensor":"s2","celsius":"hot"}');
    expect(dead[0]?.timestamp).toBe(11);
    expect(dead[0]?.headers.get('__streams.errors.processor.node')).toBe('to-fahrenheit');
    expect(dead[0]?.headers.get('__streams.errors.message')).toBe('no temperature for s2');
    driver.close();
  });

  it('fail (the default) surfaces the error to the caller, naming the node', () => {
    const driver = new TopologyTestDriver(fahrenheit().build());
    const input = driver.createInputTopic('readings', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.string(),
    });
    expect(() => input.pipeInput('s2', '{"sensor":"s2"}')).toThrow(/to-fahrenheit.*no temperature for s2/);
    driver.close();
  });
});
