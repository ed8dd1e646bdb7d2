// The topics a foreign-key join hands its serdes, ported from Kafka Streams'
// streams/src/test/java/org/apache/kafka/streams/kstream/internals/KTableKTableForeignKeyJoinScenarioTest.java
// (shouldUseExpectedTopicsWithSerde, with UniqueTopicSerdeScope's `<topic>--key` / `--value` bookkeeping).
// Integer serdes stand as long. Only the join's own topics are compared: the runtime's stores hand their serdes
// the store name rather than the changelog topic, which is outside the join.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TopologyTestDriver, type Serde } from '../../runtime/src/index.js';

/** Kafka's UniqueTopicSerdeScope: records every topic a decorated serde serializes for. */
class SerdeScope {
  readonly topics = new Set<string>();
  decorate<T>(serde: Serde<T>, isKey: boolean): Serde<T> {
    return {
      serialize: (value, topic) => {
        this.topics.add(`${topic}--${isKey ? 'key' : 'value'}`);
        return serde.serialize(value, topic);
      },
      deserialize: (bytes, topic) => serde.deserialize(bytes, topic),
    };
  }
}

describe('KTableKTableForeignKeyJoinScenarioTest', () => {
  it('shouldUseExpectedTopicsWithSerde', () => {
    const applicationId = 'ktable-ktable-joinOnForeignKey';
    const scope = new SerdeScope();
    const builder = new StreamsBuilder();
    const consumed = () => ({
      keySerde: scope.decorate(Serdes.long(), true),
      valueSerde: scope.decorate(Serdes.string(), false),
    });
    const left = builder.table<number, string>('left_table', consumed());
    const right = builder.table<number, string>('right_table', consumed());
    left
      .join(
        right,
        (value) => Number.parseInt(value.split('|')[1] as string, 10),
        (v1, v2) => `(${v1},${v2})`,
        { valueSerde: scope.decorate(Serdes.string(), false) },
      )
      .toStream()
      .to('output-topic');
    const driver = new TopologyTestDriver(builder.build(), { applicationId });
    driver
      .createInputTopic('left_table', { keySerde: Serdes.long(), valueSerde: Serdes.string() })
      .pipeInput(2, 'lhsValue1|1');
    driver
      .createInputTopic('right_table', { keySerde: Serdes.long(), valueSerde: Serdes.string() })
      .pipeInput(1, 'rhsValue1');
    const out = driver.createOutputTopic('output-topic', {
      keySerde: Serdes.long(),
      valueSerde: Serdes.string(),
    });
    expect(out.readKeyValuesToList()).toEqual([{ key: 2, value: '(lhsValue1|1,rhsValue1)' }]);
    driver.close();
    const joinTopics = [...scope.topics].filter(
      (t) => t.includes('KTABLE-FK-JOIN') || t.startsWith('output-topic'),
    );
    expect(new Set(joinTopics)).toEqual(
      new Set([
        // expected pseudo-topics
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic-fk--key`,
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic-pk--key`,
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic-vh--value`,
        // internal topics
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic--key`,
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic--key`,
        `${applicationId}-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic--value`,
        // output topics
        'output-topic--key',
        'output-topic--value',
      ]),
    );
  });
});
