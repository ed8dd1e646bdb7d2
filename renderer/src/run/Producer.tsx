import type { Studio } from '@topograph/api';
import { useState } from 'react';
import { useDesigner } from '../store/store.js';
import { useProducer } from './producer-store.js';
import { parseRecordLines } from './record-lines.js';
import { recordTemplate } from './record-template.js';
import { useRun } from './run-store.js';
import { useAction } from './use-action.js';

/** Test data for the running session's source topics: typed lines, a file, or a generator cycling them. */
export function Producer({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const doc = useDesigner((s) => s.history.present);
  const p = useProducer();
  const [sent, setSent] = useState<string | null>(null);
  const { error, busy, run, setError } = useAction();
  if (!status) return <p className="run-muted">Run the topology to send test data to its source topics.</p>;
  const topics = status.sourceTopics;
  const chosen = topics.includes(p.topic) ? p.topic : (topics[0] ?? '');
  const text = p.text[chosen] ?? recordTemplate(doc, chosen);
  const serdes = status.topicSerdes.find((t) => t.topic === chosen);
  const runKey = `${status.sessionId}@${status.startedAt}`;
  const generating = (p.generating[runKey] ?? []).includes(chosen);
  /** The box's records, or null after showing why they cannot be sent. */
  const records = () => {
    const parsed = parseRecordLines(text, serdes);
    if (parsed.ok) return parsed.records;
    setError(parsed.message);
    return null;
  };
  const send = () => {
    setSent(null);
    const list = records();
    if (list === null) return;
    void run(async () => {
      const r = await studio.call('sessions.produce', {
        sessionId: status.sessionId,
        topic: chosen,
        records: list,
      });
      setSent(`sent ${r.produced} record${r.produced === 1 ? '' : 's'} to ${chosen}`);
    });
  };
  const generate = (on: boolean) => {
    setSent(null);
    const samples = on ? records() : [];
    if (samples === null) return;
    if (on && samples.length === 0) {
      setError('write at least one sample record: the generator cycles through the lines in the box');
      return;
    }
    void run(async () => {
      await studio.call('sessions.generate', {
        sessionId: status.sessionId,
        topic: chosen,
        ratePerSec: on ? p.ratePerSec : 0,
        // The host wants at least one sample even to stop; it is not used then.
        samples: samples.length > 0 ? samples : [{ value: null }],
      });
      p.setGenerating(runKey, chosen, on);
    });
  };
  return (
    <div className="run-producer" data-testid="producer">
      <label>
        Topic{' '}
        <select value={chosen} onChange={(e) => p.setTopic(e.target.value)} data-testid="producer-topic">
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {serdes && (
          <span className="run-muted">
            {' '}
            key {serdes.keySerde}, value {serdes.valueSerde}
          </span>
        )}
      </label>
      <textarea
        data-testid="producer-lines"
        placeholder={
          'One record per line: a plain value, a JSON value, or {"key": …, "value": …, "timestamp": …}'
        }
        value={text}
        onChange={(e) => p.setText(chosen, e.target.value)}
        rows={5}
        spellCheck={false}
      />
      <div className="run-row">
        <button
          type="button"
          className="primary"
          disabled={busy || text.trim() === ''}
          onClick={send}
          data-testid="producer-send"
        >
          Send
        </button>
        <label className="run-file">
          From file…
          <input
            type="file"
            accept=".json,.jsonl,.txt,.ndjson"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then((t) => p.setText(chosen, t));
            }}
          />
        </label>
        <span className="sep" />
        <label>
          Generate at{' '}
          <input
            type="number"
            min={1}
            max={100000}
            value={p.ratePerSec}
            onChange={(e) => p.setRate(Number(e.target.value))}
          />
          /s
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => generate(!generating)}
          data-testid="producer-generate"
        >
          {generating ? 'Stop generator' : 'Start generator'}
        </button>
        {sent && <span className="run-muted">{sent}</span>}
        {error && (
          <span className="run-bad" role="alert" data-testid="producer-error">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
