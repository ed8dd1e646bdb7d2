import { topics, type TopologyDocument } from '@topograph/document';
import { templateOfType } from '../samples/value-template.js';

/**
 * What the producer box starts with for a topic: the document's sample records for it (`settings.testData`),
 * else one record shaped like the source's value type (its first sample, or a value built from its
 * declaration: `""` for strings, `0` for numbers …), or an empty box for a plain string topic.
 */
export function recordTemplate(doc: TopologyDocument, topic: string): string {
  const samples = doc.settings.testData?.[topic];
  if (samples && samples.length > 0)
    return samples
      .map((r) =>
        JSON.stringify({
          key: r.key,
          value: r.value,
          ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
        }),
      )
      .join('\n');
  const c = topics(doc).sources.find((s) => s.topic === topic);
  if (!c) return '';
  const value = valueOf(c.valueSerde, c.valueType, doc);
  if (value === undefined) return '';
  const key = valueOf(c.keySerde, c.keyType, doc) ?? 'key-1';
  return JSON.stringify({ key: key === '' ? 'key-1' : key, value });
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
