// Kafka's WordCountDemo (streams/examples/.../wordcount/WordCountDemo.java) on @topograph/runtime.
import { Serdes, StreamsBuilder, type Topology } from '@topograph/runtime';

export const INPUT_TOPIC = 'streams-plaintext-input';
export const OUTPUT_TOPIC = 'streams-wordcount-output';

/** Java's String#split drops trailing empty strings; JavaScript's keeps them. Match Java. */
function splitWords(line: string): string[] {
  const words = line.toLowerCase().split(/\W+/);
  while (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}

export function buildTopology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string | null, string>(INPUT_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .flatMapValues((value) => splitWords(value))
    .groupBy((_key, word) => word, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .count()
    .toStream()
    .to(OUTPUT_TOPIC, { keySerde: Serdes.string(), valueSerde: Serdes.long() });
  return builder.build();
}
