import { palette } from '@topograph/document';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { KIND_MIME } from '../canvas/Canvas.js';
import { GROUP_COLORS } from '../canvas/flow-style.js';
import { addNodeAtCentre } from './add-node.js';
import { filterPalette } from './filter.js';

/** The node palette: catalog kinds grouped, searchable, dragged onto the canvas (or added with Enter/click). */
export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterPalette(palette(), query), [query]);
  const flow = useReactFlow();
  const addAtCentre = (kind: string) => addNodeAtCentre(flow, kind);
  return (
    <aside className="palette" aria-label="Palette">
      <input
        className="palette-search"
        type="search"
        placeholder="Search nodes…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = groups[0]?.entries[0];
          if (e.key === 'Enter' && first) addAtCentre(first.kind);
        }}
        aria-label="Search nodes"
      />
      {groups.map(({ group, entries }) => (
        <section key={group} className="palette-group">
          <h3 style={{ borderColor: GROUP_COLORS[group] }}>{group}</h3>
          {entries.map((e) => (
            <button
              key={e.kind}
              type="button"
              className="palette-item"
              draggable
              data-kind={e.kind}
              title={e.help}
              style={{ borderLeftColor: GROUP_COLORS[group] }}
              onDragStart={(ev) => {
                ev.dataTransfer.setData(KIND_MIME, e.kind);
                ev.dataTransfer.effectAllowed = 'copy';
              }}
              onDoubleClick={() => addAtCentre(e.kind)}
            >
              {e.label}
            </button>
          ))}
        </section>
      ))}
      {groups.length === 0 && <p className="muted">No node matches “{query}”.</p>}
    </aside>
  );
}
