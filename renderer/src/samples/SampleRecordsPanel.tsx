import { topics, type SampleRecord, type SerdeName, type TopologyDocument } from '@topograph/document';
import { useState } from 'react';
import { useDesigner } from '../store/store.js';
import { formatField, parseField, parseTimestamp, type Parsed } from './record-text.js';
import { valueTemplate } from './value-template.js';

interface SourceTopic {
  topic: string;
  keySerde: SerdeName;
  valueSerde: SerdeName;
  valueType: string | undefined;
  /** The source nodes reading it, by label. */
  readers: string[];
}

/** The topics the document's sources read, once each, in document order. */
export function sourceTopics(doc: TopologyDocument): SourceTopic[] {
  const out = new Map<string, SourceTopic>();
  for (const s of topics(doc).sources) {
    if (s.topic === '') continue;
    const known = out.get(s.topic);
    if (known) known.readers.push(s.name);
    else
      out.set(s.topic, {
        topic: s.topic,
        keySerde: s.keySerde,
        valueSerde: s.valueSerde,
        valueType: s.valueType,
        readers: [s.name],
      });
  }
  return [...out.values()];
}

/** The document with `records` as the sample records of `topic` (none: the topic's entry is removed). */
function withRecords(doc: TopologyDocument, topic: string, records: SampleRecord[]): TopologyDocument {
  const testData = { ...doc.settings.testData };
  if (records.length === 0) delete testData[topic];
  else testData[topic] = records;
  const { testData: _old, ...rest } = doc.settings;
  return { ...doc, settings: Object.keys(testData).length === 0 ? rest : { ...rest, testData } };
}

/**
 * The sample records of each source topic (the document's `settings.testData`): what the exported project's
 * test pipes through TopologyTestDriver and `npm start` feeds the embedded cluster. New rows start from the
 * topic's type.
 */
export function SampleRecordsPanel() {
  const doc = useDesigner((s) => s.history.present);
  const topics = sourceTopics(doc);
  if (topics.length === 0)
    return <p className="muted panel-empty">Add a source to give its topic sample records.</p>;
  return (
    <div className="samples" data-testid="samples">
      <p className="muted samples-intro">
        Sample input records: the exported project&apos;s test pipes them through the topology, and its npm
        start feeds them to the embedded cluster.
      </p>
      {topics.map((t) => (
        <TopicRecords key={t.topic} topic={t} records={doc.settings.testData?.[t.topic] ?? []} />
      ))}
    </div>
  );
}

function TopicRecords({ topic, records }: { topic: SourceTopic; records: SampleRecord[] }) {
  const commit = (next: SampleRecord[], coalesce?: string) => {
    const s = useDesigner.getState();
    s.change(withRecords(s.history.present, topic.topic, next), coalesce);
  };
  const add = () => {
    const doc = useDesigner.getState().history.present;
    const last = records[records.length - 1];
    const record: SampleRecord = {
      key: topic.keySerde === 'string' ? `key-${records.length + 1}` : topic.keySerde === 'json' ? {} : null,
      value: valueTemplate(doc, topic.valueSerde, topic.valueType),
      timestamp: last ? (last.timestamp ?? 0) + 1000 : 0,
    };
    commit([...records, record]);
  };
  const update = (i: number, patch: Partial<SampleRecord>, field: string) =>
    commit(
      records.map((r, j) => (j === i ? { ...r, ...patch } : r)),
      `samples:${topic.topic}:${i}:${field}`,
    );
  const bytes = topic.keySerde === 'bytes' || topic.valueSerde === 'bytes';
  return (
    <section className="sample-topic" data-topic={topic.topic}>
      <h3>
        {topic.topic}{' '}
        <span className="muted">
          key {topic.keySerde}, value {topic.valueSerde}
          {topic.valueType ? `<${topic.valueType}>` : ''} · read by {topic.readers.join(', ')}
        </span>
      </h3>
      {records.length > 0 && (
        <table className="sample-table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Value</th>
              <th>Timestamp (ms)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {records.map((r, i) => (
              <tr key={i} data-row={i}>
                <td>
                  <Field
                    label={`${topic.topic} record ${i + 1} key`}
                    value={r.key}
                    format={(v) => formatField(v, topic.keySerde)}
                    parse={(text) => parseField(text, topic.keySerde)}
                    onCommit={(key) => update(i, { key }, 'key')}
                  />
                </td>
                <td className="sample-value">
                  <Field
                    label={`${topic.topic} record ${i + 1} value`}
                    value={r.value}
                    format={(v) => formatField(v, topic.valueSerde)}
                    parse={(text) => parseField(text, topic.valueSerde)}
                    onCommit={(value) => update(i, { value }, 'value')}
                  />
                </td>
                <td>
                  <Field
                    label={`${topic.topic} record ${i + 1} timestamp`}
                    value={r.timestamp}
                    format={(v) => (v === undefined ? '' : String(v))}
                    parse={parseTimestamp}
                    onCommit={(timestamp) =>
                      update(
                        i,
                        typeof timestamp === 'number' ? { timestamp } : { timestamp: undefined },
                        'timestamp',
                      )
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${topic.topic} record ${i + 1}`}
                    onClick={() => commit(records.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bytes ? (
        <p className="muted">A bytes topic takes no sample records here.</p>
      ) : (
        <button type="button" onClick={add} data-testid={`add-sample-${topic.topic}`}>
          + Add record
        </button>
      )}
    </section>
  );
}

/**
 * A text field over a record part: what is typed stays as typed while it is being edited; each valid text is
 * written to the document at once (one undo step per field while typing), an invalid one says why and is kept
 * only in the field.
 */
function Field({
  label,
  value,
  format,
  parse,
  onCommit,
}: {
  label: string;
  value: unknown;
  format(v: unknown): string;
  parse(text: string): Parsed;
  onCommit(v: unknown): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? format(value);
  const parsed = draft === null ? null : parse(draft);
  const error = parsed !== null && !parsed.ok ? parsed.error : null;
  return (
    <>
      <input
        aria-label={label}
        value={text}
        spellCheck={false}
        aria-invalid={error !== null}
        title={error ?? undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const p = parse(e.target.value);
          if (p.ok) onCommit(p.value);
        }}
        onBlur={() => {
          if (parsed === null || parsed.ok) setDraft(null);
        }}
      />
      {error !== null && <small className="sample-error">{error}</small>}
    </>
  );
}
