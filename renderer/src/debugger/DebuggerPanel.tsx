import type { DebugExplanation, DebugSeek, DebugView, RecordingSummary, Studio } from '@topograph/api';
import { useEffect, useState } from 'react';
import { useDesigner } from '../store/store.js';
import { useRun } from '../run/run-store.js';
import { useAction } from '../run/use-action.js';
import { show, time } from './format.js';
import { canvasNodeOf } from './node-of.js';
import { WindowsView } from './WindowsView.js';
import './debugger.css';

const PLAY_INTERVAL_MS = 400;

/**
 * The Debugger tab: the session's recording (save beside the document, load, Save as test) and a timeline
 * over its replay: step, jump, play; the current record's path highlighted on the canvas; windows on a time
 * axis; late records with their reasons; suppress and join buffers; "why" for each output.
 */
export function DebuggerPanel({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const filePath = useDesigner((s) => s.filePath);
  const doc = useDesigner((s) => s.history.present);
  const [summary, setSummary] = useState<RecordingSummary | null>(null);
  const [view, setView] = useState<DebugView | null>(null);
  const [why, setWhy] = useState<DebugExplanation | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [loadPath, setLoadPath] = useState('');
  const [playing, setPlaying] = useState(false);
  const { error, busy, run } = useAction();
  const sessionId = status?.sessionId ?? null;

  useEffect(() => {
    setView(null);
    setWhy(null);
    setSummary(null);
  }, [sessionId]);

  const seek = (to: DebugSeek) =>
    run(async () => {
      if (!sessionId) return;
      setView(await studio.call('debugger.seek', { sessionId, to }));
    });

  useEffect(() => {
    if (!playing || !view || !sessionId) return;
    if (view.position >= view.total) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => void seek({ step: 1 }), PLAY_INTERVAL_MS);
    return () => clearTimeout(t);
    // `seek` is a fresh closure each render; the timer only depends on where the replay is.
  }, [playing, view?.position]);

  if (!status || !sessionId)
    return <p className="run-muted">Run the topology to record it, then debug the run.</p>;
  const nodeIds = doc.nodes.map((n) => n.id);
  const onPath = new Set(
    (view?.current?.steps ?? [])
      .map((s) => canvasNodeOf(s.node, nodeIds))
      .filter((n): n is string => n !== null),
  );
  const documentPath = filePath;

  return (
    <div className="dbg" data-testid="debugger">
      <style data-testid="debug-highlight">
        {[...onPath]
          .map(
            (id) =>
              `.react-flow [data-node-id=${JSON.stringify(id)}]{outline:3px solid #f59e0b;outline-offset:2px}`,
          )
          .join('\n')}
      </style>
      <div className="run-row">
        <button
          type="button"
          className="primary"
          data-testid="debug-open"
          disabled={busy}
          onClick={() =>
            run(async () => {
              setSummary(await studio.call('debugger.recording', { sessionId }));
              setView(await studio.call('debugger.open', { sessionId }));
              setWhy(null);
            })
          }
        >
          {view ? 'Replay again' : 'Replay recording'}
        </button>
        <button
          type="button"
          data-testid="debug-save-recording"
          disabled={busy || !documentPath}
          title={documentPath ? undefined : 'Save the document first: the recording goes beside it'}
          onClick={() =>
            run(async () => {
              if (!documentPath) return;
              const saved = await studio.call('debugger.saveRecording', {
                sessionId,
                document: documentPath,
              });
              setNote(`Saved ${saved.records} records to ${saved.path}`);
            })
          }
        >
          Save recording
        </button>
        <button
          type="button"
          data-testid="debug-save-test"
          disabled={busy || !documentPath}
          onClick={() =>
            run(async () => {
              if (!documentPath) return;
              const saved = await studio.call('debugger.saveTest', {
                sessionId,
                document: documentPath,
                doc,
              });
              setNote(
                `Wrote ${saved.test} (${saved.inputs} inputs, ${saved.outputs} outputs) and ${saved.topology}`,
              );
            })
          }
        >
          Save as test
        </button>
        <input
          aria-label="Recording to load"
          placeholder="name.recording.json"
          value={loadPath}
          onChange={(e) => setLoadPath(e.target.value)}
        />
        <button
          type="button"
          disabled={busy || loadPath === ''}
          onClick={() =>
            run(async () => {
              setSummary(await studio.call('debugger.loadRecording', { sessionId, path: loadPath }));
              setView(await studio.call('debugger.open', { sessionId }));
            })
          }
        >
          Load
        </button>
        {error && (
          <span className="run-bad" data-testid="debug-error">
            {error}
          </span>
        )}
        {note && (
          <span className="run-muted" data-testid="debug-note">
            {note}
          </span>
        )}
      </div>
      {summary && (
        <p className="run-muted" data-testid="debug-summary">
          Recording ({summary.source}): {summary.inputs} inputs, {summary.outputs} outputs
          {summary.dropped > 0
            ? `, ${summary.dropped} oldest records dropped (limit ${summary.maxRecords})`
            : ''}
        </p>
      )}
      {view && (
        <Timeline
          view={view}
          busy={busy}
          playing={playing}
          setPlaying={setPlaying}
          seek={(to) => void seek(to)}
        />
      )}
      {view && (
        <div className="dbg-grid">
          <Current view={view} />
          <section>
            <h4>Stream time</h4>
            <table className="dbg-table" data-testid="debug-stream-time">
              <tbody>
                {view.streamTime.sources.map((s) => (
                  <tr key={`${s.topic}-${s.partition}`}>
                    <td>
                      {s.topic}-{s.partition}
                    </td>
                    <td>{time(s.time)}</td>
                  </tr>
                ))}
                {view.streamTime.nodes.map((n) => (
                  <tr key={n.node}>
                    <td>{n.node}</td>
                    <td>{time(n.time)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4>Counts</h4>
            <table className="dbg-table" data-testid="debug-counts">
              <tbody>
                {view.nodes.map((n) => (
                  <tr key={n.name}>
                    <td>{n.name}</td>
                    <td>
                      in {n.recordsIn} · out {n.recordsOut}
                      {n.lateDrops > 0 ? ` · late ${n.lateDrops}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {view.windows.map((w) => (
            <section key={w.node} className="dbg-wide">
              <h4>
                Windows of {w.node} (size {w.sizeMs} ms, grace {w.graceMs} ms, stream time{' '}
                {time(w.streamTime)})
              </h4>
              <WindowsView node={w} />
            </section>
          ))}
          <section className="dbg-wide">
            <h4>Late records</h4>
            {view.late.length === 0 ? (
              <p className="run-muted">None so far.</p>
            ) : (
              <ul data-testid="debug-late">
                {view.late.map((l, i) => (
                  <li key={i}>
                    <b>{l.node}</b> (input #{l.input + 1}): {l.reason}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {view.suppress.map((s) => (
            <section key={s.node}>
              <h4>Suppress {s.node} holds</h4>
              <ul data-testid={`debug-suppress-${s.node}`}>
                {s.entries.map((e, i) => (
                  <li key={i}>
                    {show(e.key)} = {show(e.value)}; emitted at stream time {time(e.emitAt)}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {view.joins.map((j) => (
            <section key={j.node} className="dbg-wide">
              <h4>
                Join {j.node} ({j.isLeftSide ? 'left' : 'right'} side, {j.beforeMs} ms before, {j.afterMs} ms
                after)
              </h4>
              <ul>
                {j.buffered.map((b, i) => (
                  <li key={i}>
                    other side buffers {show(b.key)} @ {time(b.timestamp)} = {show(b.value)}; meets records at
                    [{time(b.meets.from)}, {time(b.meets.to)}]
                  </li>
                ))}
              </ul>
              <ul data-testid={`debug-join-${j.node}`}>
                {view.joinAttempts
                  .filter((a) => a.node === j.node)
                  .map((a, i) => (
                    <li key={i} className={a.matched ? '' : 'run-bad'}>
                      input #{a.input + 1} {show(a.key)} @ {time(a.timestamp)}:{' '}
                      {a.matched ? 'met its partner' : `no match — ${a.reason ?? ''}`}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
          <section className="dbg-wide">
            <h4>Outputs</h4>
            <ul data-testid="debug-outputs">
              {view.outputs.map((o, i) => (
                <li key={i}>
                  {o.topic ?? o.sink}: {show(o.key)} = {show(o.value)} (from input #{o.input + 1}){' '}
                  <button
                    type="button"
                    data-testid="debug-why"
                    onClick={() =>
                      run(async () => setWhy(await studio.call('debugger.explain', { sessionId, output: i })))
                    }
                  >
                    why?
                  </button>
                </li>
              ))}
            </ul>
            {why && <Why why={why} />}
          </section>
        </div>
      )}
    </div>
  );
}

function Timeline(props: {
  view: DebugView;
  busy: boolean;
  playing: boolean;
  setPlaying: (p: boolean) => void;
  seek: (to: DebugSeek) => void;
}) {
  const { view, busy, playing, setPlaying, seek } = props;
  return (
    <div className="run-row dbg-timeline" data-testid="debug-timeline">
      <button type="button" aria-label="To start" disabled={busy} onClick={() => seek({ record: 0 })}>
        Start
      </button>
      <button
        type="button"
        aria-label="Step back"
        data-testid="debug-back"
        disabled={busy || view.position === 0}
        onClick={() => seek({ step: -1 })}
      >
        ◀
      </button>
      <button
        type="button"
        aria-label="Step forward"
        data-testid="debug-step"
        disabled={busy || view.position >= view.total}
        onClick={() => seek({ step: 1 })}
      >
        ▶
      </button>
      <button type="button" aria-label="To end" disabled={busy} onClick={() => seek({ record: view.total })}>
        End
      </button>
      <button type="button" data-testid="debug-play" onClick={() => setPlaying(!playing)}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <input
        type="range"
        min={0}
        max={view.total}
        value={view.position}
        aria-label="Replay position"
        data-testid="debug-slider"
        onChange={(e) => seek({ record: Number(e.target.value) })}
      />
      <span data-testid="debug-position">
        {view.position} / {view.total}
      </span>
    </div>
  );
}

function Current({ view }: { view: DebugView }) {
  const c = view.current;
  return (
    <section>
      <h4>Current record</h4>
      {c === null ? (
        <p className="run-muted">Before the first input.</p>
      ) : (
        <div data-testid="debug-current">
          <p>
            #{c.index + 1} {c.topic}-{c.partition} @ {time(c.timestamp)}: {show(c.key)} = {show(c.value)}
          </p>
          <ol className="dbg-path">
            {c.steps.map((s) => (
              <li key={s.index}>
                {s.node}: {show(s.value)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function Why({ why }: { why: DebugExplanation }) {
  return (
    <div className="dbg-why" data-testid="debug-why-panel">
      <p>
        Caused by input #{why.inputIndex + 1}
        {why.input ? ` (${why.input.topic}-${why.input.partition} @ ${time(why.input.timestamp)})` : ''}; its
        path:
      </p>
      <ol className="dbg-path">
        {why.path.map((p, i) => (
          <li key={i}>
            <b>{p.node}</b> → {show(p.keyAfter)} = {show(p.valueAfter)}
            {p.aggregation && (
              <span className="dbg-agg">
                {' '}
                (aggregate before: {show(p.aggregation.previous)}; update: {show(p.aggregation.update)};
                after: {show(p.aggregation.result)})
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
