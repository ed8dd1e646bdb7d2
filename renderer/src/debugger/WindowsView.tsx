import type { DebugView } from '@topograph/api';
import { show, time } from './format.js';

type WindowedNode = DebugView['windows'][number];

/**
 * One windowed node's windows on a time axis: each window a bar from start to end with a tick at its close time
 * (end + grace); closed windows greyed out; the node's stream time a vertical line.
 */
export function WindowsView({ node }: { node: WindowedNode }) {
  const ws = node.windows;
  if (ws.length === 0) return <p className="run-muted">No windows yet.</p>;
  const from = Math.min(...ws.map((w) => w.start));
  const to = Math.max(...ws.map((w) => w.closeAt), node.streamTime ?? 0);
  const span = Math.max(1, to - from);
  const pct = (t: number): string => `${(((t - from) / span) * 100).toFixed(2)}%`;
  const width = (a: number, b: number): string => `${Math.max(0.5, ((b - a) / span) * 100).toFixed(2)}%`;
  return (
    <div className="dbg-axis" data-testid={`windows-${node.node}`}>
      {ws.map((w) => (
        <div
          key={`${show(w.key)}@${w.start}`}
          className={`dbg-window${w.closed ? ' closed' : ''}`}
          data-testid="debug-window"
          data-closed={w.closed}
          title={`${show(w.key)} [${time(w.start)}, ${time(w.end)}) closes at ${time(w.closeAt)}: ${show(w.value)}`}
        >
          <span className="dbg-window-key">{show(w.key)}</span>
          <span className="dbg-window-track">
            <span className="dbg-window-bar" style={{ left: pct(w.start), width: width(w.start, w.end) }} />
            <span className="dbg-window-grace" style={{ left: pct(w.end), width: width(w.end, w.closeAt) }} />
            {node.streamTime !== null && <span className="dbg-now" style={{ left: pct(node.streamTime) }} />}
          </span>
          <span className="dbg-window-text">
            [{time(w.start)}, {time(w.end)}) close {time(w.closeAt)}
            {w.closed ? ' · closed' : ' · open'} · {show(w.value)}
          </span>
        </div>
      ))}
    </div>
  );
}
