import type { Studio, TopicRecord } from '@topograph/api';
import { useState } from 'react';
import { EntriesTable } from './EntriesTable.js';
import { useRun } from './run-store.js';
import { useAction } from './use-action.js';

/** The latest records of the session's source and output topics. */
export function TopicViewer({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const [topic, setTopic] = useState('');
  const [records, setRecords] = useState<TopicRecord[] | null>(null);
  const { error, busy, run } = useAction();
  if (!status) return <p className="run-muted">Run the topology to read its topics.</p>;
  const topics = [...new Set([...status.sinkTopics, ...status.sourceTopics])];
  const chosen = topics.includes(topic) ? topic : (topics[0] ?? '');
  const read = () =>
    run(async () =>
      setRecords(
        (await studio.call('sessions.readTopic', { sessionId: status.sessionId, topic: chosen })).records,
      ),
    );
  return (
    <div data-testid="topic-viewer">
      <div className="run-row">
        <select value={chosen} onChange={(e) => setTopic(e.target.value)} aria-label="Topic">
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <button type="button" className="primary" onClick={read} disabled={busy} data-testid="topic-read">
          Read latest
        </button>
        {error && <span className="run-bad">{error}</span>}
      </div>
      {records && (
        <EntriesTable
          extraLabel="partition @ offset"
          empty={`No records on ${chosen} yet.`}
          rows={records.map((r) => ({
            key: r.key,
            value: r.value,
            extra: `p${r.partition ?? '?'} @${r.offset ?? '?'}`,
          }))}
        />
      )}
    </div>
  );
}
