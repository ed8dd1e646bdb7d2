// Ported from Kafka Streams' streams/src/test/java/org/apache/kafka/streams/integration/
// StreamStreamJoinIntegrationTest.java (testInner, testLeft, testOuter and their *Repartitioned variants), with
// the input sequence AbstractJoinIntegrationTest#inputWithoutOutOfOrderData and JoinWindows of 10 s, grace 24 h.
import { describe, expect, it } from 'vitest';
import {
  JoinWindows,
  Serdes,
  StreamsBuilder,
  TopologyTestDriver,
  type KStream,
} from '../../runtime/src/index.js';

const LEFT = 'inputTopicLeft';
const RIGHT = 'inputTopicRight';
const OUTPUT = 'outputTopic';
const serdes = { keySerde: Serdes.long(), valueSerde: Serdes.string() };
const valueJoiner = (l: string | null, r: string | null): string => `${String(l)}-${String(r)}`;
const windows = JoinWindows.ofTimeDifferenceAndGrace(10_000, 24 * 60 * 60 * 1000);

const input: [string, number | null, string | null, number][] = [
  [LEFT, 0, null, 1],
  [RIGHT, 0, null, 2],
  [LEFT, 0, 'A', 3],
  [RIGHT, 0, 'a', 4],
  [LEFT, 0, 'B', 5],
  [RIGHT, 0, 'b', 6],
  [LEFT, 0, null, 7],
  [RIGHT, 0, null, 8],
  [LEFT, 0, 'C', 9],
  [RIGHT, 0, 'c', 10],
  [RIGHT, 0, null, 11],
  [LEFT, 0, null, 12],
  [RIGHT, 0, null, 13],
  [RIGHT, 0, 'd', 14],
  [LEFT, 0, 'D', 15],
  [LEFT, null, 'E', 16],
  [RIGHT, null, 'e', 17],
];

// The inner-join results every variant shares; left and outer joins add the null-key records at the end.
// prettier-ignore
const innerSteps: string[][] = [
  [], [], [], ['0:A-a@4'], ['0:B-a@5'], ['0:A-b@6', '0:B-b@6'], [], [], ['0:C-a@9', '0:C-b@9'],
  ['0:A-c@10', '0:B-c@10', '0:C-c@10'], [], [], [], ['0:A-d@14', '0:B-d@14', '0:C-d@14'],
  ['0:D-a@15', '0:D-b@15', '0:D-c@15', '0:D-d@15'], [], [],
];

function run(
  build: (left: KStream<number, string>, right: KStream<number, string>) => KStream<number, string>,
): string[][] {
  const builder = new StreamsBuilder();
  build(builder.stream<number, string>(LEFT, serdes), builder.stream<number, string>(RIGHT, serdes)).to(
    OUTPUT,
    serdes,
  );
  const driver = new TopologyTestDriver(builder.build());
  const topics = {
    [LEFT]: driver.createInputTopic(LEFT, serdes),
    [RIGHT]: driver.createInputTopic(RIGHT, serdes),
  };
  const out = driver.createOutputTopic(OUTPUT, serdes);
  return input.map(([topic, key, value, ts]) => {
    (topics[topic as keyof typeof topics] ?? topics[LEFT]).pipeInput(key, value, ts);
    return out.readRecordsToList().map((r) => `${String(r.key)}:${String(r.value)}@${r.timestamp}`);
  });
}

const withNullKeyResults = (left: boolean, right: boolean): string[][] =>
  innerSteps.map((step, i) => {
    if (i === 15 && left) return ['null:E-null@16'];
    if (i === 16 && right) return ['null:null-e@17'];
    return step;
  });

// MockMapper.noOpKeyValueMapper / selectKeyKeyValueMapper: key-changing no-ops that force a repartition.
const rekey = (s: KStream<number, string>): KStream<number, string> =>
  s.map((k, v) => ({ key: k, value: v }));
const reselect = (s: KStream<number, string>): KStream<number, string> => s.selectKey((k) => k);

describe('StreamStreamJoinIntegrationTest', () => {
  it('testInner', () => {
    expect(run((l, r) => l.join(r, valueJoiner, windows))).toEqual(innerSteps);
  });

  it('testInnerRepartitioned', () => {
    expect(run((l, r) => rekey(l).join(reselect(r), valueJoiner, windows))).toEqual(innerSteps);
  });

  it('testLeft', () => {
    expect(run((l, r) => l.leftJoin(r, valueJoiner, windows))).toEqual(withNullKeyResults(true, false));
  });

  it('testLeftRepartitioned', () => {
    expect(run((l, r) => rekey(l).leftJoin(reselect(r), valueJoiner, windows))).toEqual(
      withNullKeyResults(true, false),
    );
  });

  it('testOuter', () => {
    expect(run((l, r) => l.outerJoin(r, valueJoiner, windows))).toEqual(withNullKeyResults(true, true));
  });

  it('testOuterRepartitioned', () => {
    expect(run((l, r) => rekey(l).outerJoin(reselect(r), valueJoiner, windows))).toEqual(
      withNullKeyResults(true, true),
    );
  });
});
