import type { Studio, TopicRecord } from '@topograph/api';
import type { DocumentNode } from '@topograph/document';
import { useState } from 'react';
import { useDesigner } from '../store/store.js';
import { show } from './format.js';
import { useRun } from './run-store.js';
import { edgeTap, isTapped, setEdgeTap } from './taps.js';
import { useAction } from './use-action.js';
import { useSelection } from '../store/selection.js';

const nameOf = (nodes: readonly DocumentNode[], id: string): string =>
  nodes.find((n) => n.id === id)?.label ?? id;

/** Records passing along tapped edges; tick an edge here or right-click it on the canvas. */
export function Taps({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const taps = useRun((s) => s.taps);
  const paused = useRun((s) => s.tapsPaused);
  const { nodes, edges } = useDesigner((s) => s.history.present);
  const selectedEdges = useSelection((s) => s.selectedEdges);
  const [inspect, setInspect] = useState<TopicRecord | null>(null);
  const { error, run } = useAction();
  if (!status)
    return <p className="run-muted">Run the topology, then tap an edge to see the records on it.</p>;
  const on = edges.filter((e) => isTapped(status.taps, e.id));
  const edgeName = (id: string) => {
    const e = edges.find((x) => x.id === id);
    return e ? `${nameOf(nodes, e.source)} → ${nameOf(nodes, e.target)}` : id;
  };
  return (
    <div className="run-taps" data-testid="taps">
      <div className="run-row">
        {edges.map((e) => (
          <label key={e.id} className={selectedEdges.has(e.id) ? 'run-selected' : ''}>
            <input
              type="checkbox"
              checked={isTapped(status.taps, e.id)}
              onChange={() => run(() => setEdgeTap(studio, e.id, !isTapped(status.taps, e.id)))}
              data-testid={`tap-${e.id}`}
            />
            {edgeName(e.id)}
          </label>
        ))}
        <button type="button" onClick={() => useRun.getState().setTapsPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        {error && <span className="run-bad">{error}</span>}
      </div>
      {on.length === 0 && (
        <p className="run-muted">
          No edge tapped: tick one above, or right-click an edge on the canvas → Tap records.
        </p>
      )}
      {on.map(({ id }) => {
        const records = taps[edgeTap(id)] ?? [];
        return (
          <div key={id} data-testid={`tap-records-${id}`}>
            <h4>
              {edgeName(id)} ({records.length} latest)
            </h4>
            <table className="run-table">
              <colgroup>
                <col className="run-col-time" />
                <col className="run-col-key" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th>time</th>
                  <th>key</th>
                  <th>value</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r, i) => (
                  <tr key={i} onClick={() => setInspect(r)}>
                    <td>{new Date(r.timestamp).toLocaleTimeString()}</td>
                    <td>{show(r.key)}</td>
                    <td>{show(r.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {records.length === 0 && (
              <p className="run-muted" data-testid="entries-empty">
                Nothing has passed along this edge since it was tapped.
              </p>
            )}
          </div>
        );
      })}
      {inspect && (
        <pre className="run-inspect" onClick={() => setInspect(null)}>
          {JSON.stringify(inspect, null, 2)}
        </pre>
      )}
    </div>
  );
}
