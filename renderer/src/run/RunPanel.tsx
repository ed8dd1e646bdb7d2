import type { KafkaProfileView, StoreEntry, Studio, TopicRecord } from '@topograph/api';
import { useEffect, useRef, useState } from 'react';
import { useDesigner } from '../store/store.js';
import { CanvasMetrics } from './CanvasMetrics.js';
import { ProfilesDialog } from './ProfilesDialog.js';
import { show } from './format.js';
import { parseRecordLines } from './record-lines.js';
import { restartRun, startRun, stopRun, useRunControls } from './controls.js';
import { connectRun, useRun } from './run-store.js';
import { runStudio } from './studio.js';
import './run.css';

type Tab = 'console' | 'producer' | 'stores' | 'topics' | 'taps';

/** The target selector's entry that opens the connections dialog instead of choosing a target. */
const MANAGE = 'manage-connections';

/** The Run dock: start/stop a session, its console, test-data producer, store browser, topics and taps. */
export function RunDock() {
  const studio = runStudio();
  const open = useRunControls((s) => s.open);
  useEffect(() => (studio ? connectRun(studio) : undefined), [studio]);
  const state = useRun((s) => s.status?.state);
  if (!studio) return null;
  return (
    <section className={`run-dock${open ? ' open' : ''}`} data-testid="run-dock">
      <CanvasMetrics />
      <RunToolbar studio={studio} />
      {open && <RunBody studio={studio} />}
      <span className="run-state" data-testid="run-state">
        {state ?? 'idle'}
      </span>
    </section>
  );
}

function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function RunToolbar({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const [profiles, setProfiles] = useState<KafkaProfileView[]>([]);
  const { target, setTarget, open, setOpen, busy, error } = useRunControls();
  const [managing, setManaging] = useState(false);
  const loadProfiles = () =>
    studio.call('kafka.profiles.list', {}).then(
      (list) => {
        setProfiles(list);
        return list;
      },
      () => {
        setProfiles([]);
        return [];
      },
    );
  // Loaded per studio; the connections dialog reloads after its changes.
  useEffect(() => {
    void loadProfiles();
  }, [studio]);
  const closeManager = (savedId: string | null) => {
    setManaging(false);
    void loadProfiles().then((list) => {
      const usable = (id: string) => list.some((p) => p.id === id && p.secretAvailable);
      if (savedId !== null && usable(savedId)) setTarget(`kafka:${savedId}`);
      else if (target !== 'memory' && !usable(target.slice('kafka:'.length))) setTarget('memory');
    });
  };
  const active = status !== null && (status.state === 'running' || status.state === 'starting');
  return (
    <div className="run-toolbar">
      <button type="button" className="run-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'} Run
      </button>
      <select
        aria-label="Run target"
        value={target}
        onChange={(e) => (e.target.value === MANAGE ? setManaging(true) : setTarget(e.target.value))}
        disabled={active}
      >
        <option value="memory">Embedded cluster</option>
        {profiles.map((p) => (
          <option key={p.id} value={`kafka:${p.id}`} disabled={!p.secretAvailable}>
            Kafka: {p.name}
          </option>
        ))}
        <option value={MANAGE}>Manage connections…</option>
      </select>
      {managing && <ProfilesDialog studio={studio} onClose={closeManager} />}
      <button
        type="button"
        className="primary"
        onClick={() => void startRun(studio)}
        disabled={busy || active}
        data-testid="run-start"
      >
        ▶ Run
      </button>
      <button
        type="button"
        onClick={() => void stopRun(studio)}
        disabled={busy || !active}
        data-testid="run-stop"
      >
        ■ Stop
      </button>
      <button type="button" onClick={() => void restartRun(studio, false)} disabled={busy || status === null}>
        ↻ Restart
      </button>
      <button
        type="button"
        onClick={() => void restartRun(studio, true)}
        disabled={busy || status === null}
        title="Reset offsets and state, then replay"
      >
        ⟲ Reset &amp; replay
      </button>
      {error && (
        <span className="run-bad" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function RunBody({ studio }: { studio: Studio }) {
  const [tab, setTab] = useState<Tab>('producer');
  const tabs: Array<[Tab, string]> = [
    ['console', 'Console'],
    ['producer', 'Producer'],
    ['stores', 'Stores'],
    ['topics', 'Topics'],
    ['taps', 'Taps'],
  ];
  return (
    <div className="run-body">
      <div className="run-tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div className="run-tab-body">
        {tab === 'console' && <ConsoleView />}
        {tab === 'producer' && <Producer studio={studio} />}
        {tab === 'stores' && <StoreBrowser studio={studio} />}
        {tab === 'topics' && <TopicViewer studio={studio} />}
        {tab === 'taps' && <Taps studio={studio} />}
      </div>
    </div>
  );
}

function ConsoleView() {
  const lines = useRun((s) => s.console);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [lines]);
  return (
    <pre className="run-console" data-testid="run-console">
      {lines.map((l) => (
        <span key={l.seq} className={`run-${l.stream}`}>
          {l.text}
        </span>
      ))}
      <div ref={end} />
    </pre>
  );
}

function Producer({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const topics = status?.sourceTopics ?? [];
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const [ratePerSec, setRate] = useState(10);
  const [generating, setGenerating] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { error, busy, run } = useAction();
  const chosen = topic || topics[0] || '';
  if (!status) return <p className="run-muted">Run the topology to send test data to its source topics.</p>;
  const send = () =>
    run(async () => {
      const records = parseRecordLines(text);
      const r = await studio.call('sessions.produce', {
        sessionId: status.sessionId,
        topic: chosen,
        records,
      });
      setSent(`sent ${r.produced} record${r.produced === 1 ? '' : 's'} to ${chosen}`);
    });
  const generate = (on: boolean) =>
    run(async () => {
      const samples = parseRecordLines(text);
      await studio.call('sessions.generate', {
        sessionId: status.sessionId,
        topic: chosen,
        ratePerSec: on ? ratePerSec : 0,
        samples: samples.length > 0 ? samples : [{ value: 'sample' }],
      });
      setGenerating(on);
    });
  return (
    <div className="run-producer" data-testid="producer">
      <label>
        Topic{' '}
        <select value={chosen} onChange={(e) => setTopic(e.target.value)} data-testid="producer-topic">
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <textarea
        data-testid="producer-lines"
        placeholder={
          'One record per line: a plain value, a JSON value, or {"key": …, "value": …, "timestamp": …}'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={5}
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
              if (file) void file.text().then(setText);
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
            value={ratePerSec}
            onChange={(e) => setRate(Number(e.target.value))}
          />
          /s
        </label>
        <button type="button" disabled={busy} onClick={() => generate(!generating)}>
          {generating ? 'Stop generator' : 'Start generator'}
        </button>
        {sent && <span className="run-muted">{sent}</span>}
        {error && <span className="run-bad">{error}</span>}
      </div>
    </div>
  );
}

function EntriesTable({ rows }: { rows: Array<{ key: unknown; value: unknown; extra?: string }> }) {
  return (
    <table className="run-table">
      <thead>
        <tr>
          <th>key</th>
          <th>value</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{show(r.key)}</td>
            <td>{show(r.value)}</td>
            <td className="run-muted">{r.extra ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StoreBrowser({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const [store, setStore] = useState('');
  const [kind, setKind] = useState<'all' | 'get' | 'range'>('all');
  const [key, setKey] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<StoreEntry[] | null>(null);
  const { error, busy, run } = useAction();
  if (!status) return <p className="run-muted">Run the topology to query its state stores.</p>;
  const chosen = store || status.stores[0] || '';
  const query = () =>
    run(async () => {
      const q =
        kind === 'all'
          ? { kind }
          : kind === 'get'
            ? { kind, key }
            : { kind, from: key || null, to: to || null };
      setEntries(
        (await studio.call('sessions.queryStore', { sessionId: status.sessionId, store: chosen, query: q }))
          .entries,
      );
    });
  return (
    <div data-testid="store-browser">
      <div className="run-row">
        <select value={chosen} onChange={(e) => setStore(e.target.value)} aria-label="Store">
          {status.stores.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} aria-label="Query">
          <option value="all">all</option>
          <option value="get">get</option>
          <option value="range">range</option>
        </select>
        {kind !== 'all' && (
          <input
            placeholder={kind === 'get' ? 'key' : 'from'}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        )}
        {kind === 'range' && <input placeholder="to" value={to} onChange={(e) => setTo(e.target.value)} />}
        <button
          type="button"
          className="primary"
          onClick={query}
          disabled={busy || chosen === ''}
          data-testid="store-query"
        >
          Query
        </button>
        {error && <span className="run-bad">{error}</span>}
      </div>
      {entries && (
        <EntriesTable
          rows={entries.map((e) => ({
            key: e.key,
            value: e.value,
            ...(e.timestamp !== undefined ? { extra: new Date(e.timestamp).toLocaleTimeString() } : {}),
          }))}
        />
      )}
    </div>
  );
}

function TopicViewer({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const [topic, setTopic] = useState('');
  const [records, setRecords] = useState<TopicRecord[] | null>(null);
  const { error, busy, run } = useAction();
  if (!status) return <p className="run-muted">Run the topology to read its topics.</p>;
  const topics = [...status.sinkTopics, ...status.sourceTopics];
  const chosen = topic || topics[0] || '';
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

function Taps({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const taps = useRun((s) => s.taps);
  const paused = useRun((s) => s.tapsPaused);
  const edges = useDesigner((s) => s.history.present.edges);
  const selectedEdges = useDesigner((s) => s.selectedEdges);
  const active = useRun((s) => s.activeTaps);
  const [inspect, setInspect] = useState<TopicRecord | null>(null);
  const { error, run } = useAction();
  if (!status)
    return <p className="run-muted">Run the topology, then tap an edge to see the records on it.</p>;
  const toggle = (edgeId: string) =>
    run(async () => {
      const enabled = !active.includes(edgeId);
      await studio.call('sessions.tap', { sessionId: status.sessionId, target: { edgeId }, enabled });
      useRun.setState({ activeTaps: enabled ? [...active, edgeId] : active.filter((e) => e !== edgeId) });
    });
  return (
    <div className="run-taps" data-testid="taps">
      <div className="run-row">
        {edges.map((e) => (
          <label key={e.id} className={selectedEdges.has(e.id) ? 'run-selected' : ''}>
            <input
              type="checkbox"
              checked={active.includes(e.id)}
              onChange={() => toggle(e.id)}
              data-testid={`tap-${e.id}`}
            />
            {e.source} → {e.target}
          </label>
        ))}
        <button type="button" onClick={() => useRun.getState().setTapsPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        {error && <span className="run-bad">{error}</span>}
      </div>
      {active.map((edgeId) => (
        <div key={edgeId} data-testid={`tap-records-${edgeId}`}>
          <h4>
            {edgeId} ({taps[`edge:${edgeId}`]?.length ?? 0} latest)
          </h4>
          <table className="run-table">
            <tbody>
              {(taps[`edge:${edgeId}`] ?? []).map((r, i) => (
                <tr key={i} onClick={() => setInspect(r)}>
                  <td>{new Date(r.timestamp).toLocaleTimeString()}</td>
                  <td>{show(r.key)}</td>
                  <td>{show(r.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {inspect && (
        <pre className="run-inspect" onClick={() => setInspect(null)}>
          {JSON.stringify(inspect, null, 2)}
        </pre>
      )}
    </div>
  );
}
