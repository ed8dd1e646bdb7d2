import {
  renderExpr,
  serdeExpr,
  topics,
  type SampleRecord,
  type SerdeName,
  type TopicEndpoint,
  type TopologyDocument,
} from '@topograph/document';

export interface TopicSerdes {
  topic: string;
  /** TypeScript expressions, e.g. `Serdes.json<Order>()`. */
  keySerde: string;
  valueSerde: string;
}

const serdeOf = (name: SerdeName, type: string | undefined): string => renderExpr(serdeExpr(name, type));

const topicSerdes = (t: TopicEndpoint): TopicSerdes => ({
  topic: t.topic,
  keySerde: serdeOf(t.keySerde, t.keyType),
  valueSerde: serdeOf(t.valueSerde, t.valueType),
});

/** Input topics (sources, in document order) with the serdes their records are written with. */
export const inputTopics = (doc: TopologyDocument): TopicSerdes[] => topics(doc).sources.map(topicSerdes);

/** Output topics of sinks with a fixed topic (a topic extractor's topics are not known ahead). */
export const outputTopics = (doc: TopologyDocument): TopicSerdes[] => {
  const seen = new Set<string>();
  return topics(doc)
    .sinks.filter((t) => !t.perRecord)
    .map(topicSerdes)
    .filter((t) => !seen.has(t.topic) && seen.add(t.topic));
};

/** Sample records of all input topics, in timestamp order (ties keep document order), for piping. */
export function orderedSamples(doc: TopologyDocument): Array<{ topic: string; record: SampleRecord }> {
  const inputs = new Set(inputTopics(doc).map((t) => t.topic));
  const all = Object.entries(doc.settings.testData ?? {})
    .filter(([topic]) => inputs.has(topic))
    .flatMap(([topic, records]) => records.map((record) => ({ topic, record })));
  return all
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => (a.record.timestamp ?? 0) - (b.record.timestamp ?? 0) || a.i - b.i)
    .map(({ topic, record }) => ({ topic, record }));
}

/** A variable name for a topic (`word-counts` → `wordCountsTopic`). */
export const topicVar = (topic: string): string =>
  `${topic.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^[^A-Za-z_]/, '_$&')}Topic`;
