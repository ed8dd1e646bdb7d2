import { useReactFlow } from '@xyflow/react';
import { useDesigner } from '../store/store.js';
import { useValidation } from './use-validation.js';
import { focusField } from '../store/focus-field.js';

const ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Validation and type errors; clicking one selects its node, centres it and focuses the field. */
export function ProblemsPanel() {
  const { problems } = useValidation();
  const doc = useDesigner((s) => s.history.present);
  const flow = useReactFlow();
  // Problems name nodes as the canvas does: by label, the id when there is none.
  const labelOf = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const sorted = [...problems].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  if (sorted.length === 0) return <p className="muted panel-empty">No problems.</p>;
  return (
    <ul className="problems" data-testid="problems">
      {sorted.map((p, i) => (
        <li key={i}>
          <button
            type="button"
            className={`problem ${p.severity}`}
            disabled={p.nodeId === undefined}
            onClick={() => {
              if (p.nodeId === undefined) return;
              focusField(p.nodeId, p.field);
              const n = doc.nodes.find((x) => x.id === p.nodeId);
              if (n)
                void flow.setCenter(n.position.x + 100, n.position.y + 40, {
                  zoom: flow.getZoom(),
                  duration: 200,
                });
            }}
          >
            <span className="sev">{p.severity === 'error' ? '✖' : p.severity === 'warning' ? '▲' : 'ℹ'}</span>
            <span className="where">
              {p.nodeId === undefined ? 'document' : labelOf(p.nodeId)}
              {p.field ? `.${p.field}` : ''}
              {p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}
            </span>
            <span className="msg">{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Count for the tab title. */
export function useProblemCount(): number {
  return useValidation().problems.filter((p) => p.severity !== 'note').length;
}
