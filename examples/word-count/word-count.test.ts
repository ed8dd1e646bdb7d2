// Ported from Kafka's streams/examples/src/test/java/org/apache/kafka/streams/examples/wordcount/WordCountDemoTest.java
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Serdes, TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '@topograph/runtime';
import { buildTopology, INPUT_TOPIC, OUTPUT_TOPIC } from './topology.js';

describe('WordCountDemo', () => {
  let driver: TopologyTestDriver;
  let input: TestInputTopic<string, string>;
  let output: TestOutputTopic<string, number>;

  beforeEach(() => {
    driver = new TopologyTestDriver(buildTopology(), { applicationId: 'streams-wordcount' });
    input = driver.createInputTopic(INPUT_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
    output = driver.createOutputTopic(OUTPUT_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  });

  afterEach(() => driver.close());

  it('testOneWord', () => {
    input.pipeInput(null, 'Hello');
    expect(output.readKeyValue()).toEqual({ key: 'hello', value: 1 });
    expect(output.isEmpty()).toBe(true);
  });

  it('testCountListOfWords', () => {
    input.pipeValueList([
      'Apache   Kafka Streams   Example',
      'Using  \t\t Kafka   Streams\tTest Utils',
      'Reading and Writing Kafka Topic',
    ]);
    expect(output.readKeyValuesToMap()).toEqual(
      new Map([
        ['apache', 1],
        ['kafka', 3],
        ['streams', 2],
        ['example', 1],
        ['using', 1],
        ['test', 1],
        ['utils', 1],
        ['reading', 1],
        ['and', 1],
        ['writing', 1],
        ['topic', 1],
      ]),
    );
  });

  it('emits every update (no caching) and keeps counts in the queryable store', () => {
    input.pipeInput(null, 'a b a');
    expect(output.readKeyValuesToList()).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 1 },
      { key: 'a', value: 2 },
    ]);
    const stores = [...driver.getAllStateStores().keys()];
    expect(stores).toEqual(['KSTREAM-AGGREGATE-STATE-STORE-0000000003']);
    expect(driver.getKeyValueStore<string, number>(stores[0] as string)?.get('a')).toBe(2);
  });

  it('goes through the prefixed repartition topic', () => {
    input.pipeInput(null, 'x');
    expect(driver.producedTopicNames()).toContain(
      'streams-wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition',
    );
  });
});
