import { analyze, topics, type TopologyDocument } from '@topograph/document';
import { templateOfType } from '../samples/value-template.js';

/**
 * What the producer box starts with for a topic, in the form the topic's serde reads: the document's sample
 * records for it (`settings.testData`) — on a stream of text (string values) as the plain lines a user would
 * type, the samples' keys and timestamps left to the producer as Kafka's console producer leaves them;
 * otherwise as `{"key", "value", "timestamp"}` records — else one record shaped like the source's value type
 * (its first sample, or a value built from its declaration: `""` for strings, `0` for numbers …), or an empty
 * box for a plain string topic.
 */
export function recordTemplate(doc: TopologyDocument, topic: string): string {
  const analysis = analyze(doc);
  const c = topics(doc, analysis).sources.find((s) => s.topic === topic);
  const samples = doc.settings.testData?.[topic];
  if (samples && samples.length > 0) {
    // A table's keys are its rows, so only a stream's text is prefilled as bare lines.
    const flow = c && Object.values(analysis.flows.get(c.nodeId) ?? {})[0]?.flow;
    const text = flow === 'stream' && c?.valueSerde === 'string';
    const plain = samples.map((r) => r.value);
    if (text && plain.every((v): v is string => typeof v === 'string' && !v.includes('\n') && isPlainText(v)))
      return plain.join('\n');
    return samples
      .map((r) =>
        JSON.stringify({
          key: r.key,
          value: r.value,
          ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
        }),
      )
      .join('\n');
  }
  if (!c) return '';
  const value = valueOf(c.valueSerde, c.valueType, doc);
  if (value === undefined) return '';
  const key = valueOf(c.keySerde, c.keyType, doc) ?? 'key-1';
  return JSON.stringify({ key: key === '' ? 'key-1' : key, value });
}

/** Text the producer reads back as itself: not blank, and not JSON (which would be taken for a record or value). */
function isPlainText(v: string): boolean {
  if (v.trim() === '') return false;
  try {
    JSON.parse(v);
    return false;
  } catch {
    return true;
  }
}

function valueOf(serde: unknown, type: unknown, doc: TopologyDocument): unknown {
  if (serde === 'long' || serde === 'double') return 0;
  if (serde !== 'json') return undefined;
  const declared = typeof type === 'string' ? doc.types.find((t) => t.name === type) : undefined;
  if (declared?.samples?.[0] !== undefined) return declared.samples[0];
  const text = declared?.declaration ?? (typeof type === 'string' ? type : undefined);
  if (text === undefined) return {};
  return templateOfType(text, doc) ?? {};
}
