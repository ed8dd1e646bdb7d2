import { renderExpr } from '@topograph/document';
import { serdeExpr, type SerdeName } from '@topograph/document';
import { analyze } from '@topograph/document';
import type { SampleRecord, TopologyDocument } from '@topograph/document';
import { sinkSerdes } from '@topograph/document';

export interface TopicSerdes {
  topic: string;
  /** TypeScript expressions, e.g. `Serdes.json<Order>()`. */
  keySerde: string;
  valueSerde: string;
}

interface SerdeConfig {
  topic?: unknown;
  topicExtractor?: unknown;
  keySerde?: unknown;
  keyType?: unknown;
  valueSerde?: unknown;
  valueType?: unknown;
}

const serdeOf = (name: unknown, type: unknown): string =>
  renderExpr(
    serdeExpr(
      (typeof name === 'string' ? name : 'string') as SerdeName,
      typeof type === 'string' ? type : undefined,
    ),
  );

const topicSerdes = (c: SerdeConfig): TopicSerdes => ({
  topic: String(c.topic),
  keySerde: serdeOf(c.keySerde, c.keyType),
  valueSerde: serdeOf(c.valueSerde, c.valueType),
});

/** Input topics (sources, in document order) with the serdes their records are written with. */
export const inputTopics = (doc: TopologyDocument): TopicSerdes[] =>
  doc.nodes.filter((n) => n.kind.startsWith('source.')).map((n) => topicSerdes(n.config as SerdeConfig));

/** Output topics of sinks with a fixed topic (a topic extractor's topics are not known ahead). */
export const outputTopics = (doc: TopologyDocument): TopicSerdes[] => {
  const seen = new Set<string>();
  const analysis = analyze(doc);
  return doc.nodes
    .filter((n) => n.kind === 'sink.topic' && n.config['topicExtractor'] === undefined)
    .map((n) => topicSerdes({ ...n.config, ...sinkSerdes(doc, n.id, analysis) } as SerdeConfig))
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
