import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDesigner } from '../store/store.js';
import { millis, rate } from './format.js';
import { useRun } from './run-store.js';
import { Sparkline } from './Sparkline.js';

/**
 * Paints live metrics onto the canvas without re-rendering it: each node's figures are portalled into its
 * card (found by `data-node-id`), and edge thickness/animation is a generated stylesheet keyed by edge id.
 * React Flow never sees a changed prop, so twice-a-second updates cannot make the canvas stutter.
 */
export function CanvasMetrics() {
  const nodes = useRun((s) => s.nodes);
  const edges = useRun((s) => s.edges);
  const stores = useRun((s) => s.stores);
  const sources = useRun((s) => s.sources);
  const errors = useRun((s) => s.errors);
  const running = useRun((s) => s.status?.state === 'running');
  const docNodes = useDesigner((s) => s.history.present.nodes);
  const [, remount] = useState(0);

  // Node cards mount after the first layout; look again shortly after a session starts.
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(() => remount((n) => n + 1), 300);
    return () => clearTimeout(t);
  }, [running]);

  if (!running && Object.keys(nodes).length === 0) return null;
  const storeByNode = new Map(stores.filter((s) => s.nodeId !== null).map((s) => [s.nodeId, s]));
  const lagByTopic = new Map(sources.map((s) => [s.topic, s.lag]));
  const topicOf = new Map(
    docNodes
      .map((n) => [n.id, (n.config as { topic?: unknown }).topic] as const)
      .filter(([, t]) => typeof t === 'string'),
  );
  const lastError = new Map(errors.filter((e) => e.nodeId !== null).map((e) => [e.nodeId, e]));
  const maxRate = Math.max(1, ...Object.values(edges));

  return (
    <>
      <style data-testid="edge-throughput">
        {Object.entries(edges)
          .map(([id, perSec]) => {
            const width = perSec > 0 ? 1.5 + 4.5 * Math.sqrt(perSec / maxRate) : 1;
            const sel = `.react-flow__edge[data-id=${JSON.stringify(id)}] .react-flow__edge-path`;
            return perSec > 0
              ? `${sel}{stroke-width:${width.toFixed(2)}px;stroke-dasharray:6 4;animation:topograph-flow ${Math.max(0.25, 1.2 - perSec / maxRate).toFixed(2)}s linear infinite}`
              : `${sel}{stroke-width:1px}`;
          })
          .join('\n')}
      </style>
      {Object.values(nodes).map((m) => {
        const card = document.querySelector(`.react-flow [data-node-id=${JSON.stringify(m.nodeId)}]`);
        if (!card) return null;
        const store = storeByNode.get(m.nodeId);
        const topic = topicOf.get(m.nodeId);
        const lag = typeof topic === 'string' && m.nodeId.length > 0 ? lagByTopic.get(topic) : undefined;
        const error = lastError.get(m.nodeId);
        return createPortal(
          <div className="run-metrics" data-testid={`metrics-${m.nodeId}`}>
            <span title={`${m.recordsIn} records in; ${rate(m.inPerSec)} now`} data-testid="rate-in">
              ↓ {m.recordsIn} <span className="run-total">{rate(m.inPerSec)}</span>
            </span>
            <span title={`${m.recordsOut} records out; ${rate(m.outPerSec)} now`} data-testid="rate-out">
              ↑ {m.recordsOut} <span className="run-total">{rate(m.outPerSec)}</span>
            </span>
            <span title="p99 process latency">p99 {millis(m.p99Ms)}</span>
            {m.errors > 0 && <span className="run-bad">✖ {m.errors}</span>}
            {m.lateDrops > 0 && <span className="run-warn">late {m.lateDrops}</span>}
            {store && <span title={`entries in ${store.name}`}>▤ {store.entries}</span>}
            {lag !== undefined && <span title="consumer lag">lag {lag}</span>}
            <Sparkline values={m.sparkline} />
            {error && (
              <div className="run-error" data-testid="node-error" title={error.stack ?? error.message}>
                ✖ {error.message}
                {error.line !== null ? ` (topology.ts:${error.line})` : ''}
              </div>
            )}
          </div>,
          card,
          m.nodeId,
        );
      })}
    </>
  );
}
