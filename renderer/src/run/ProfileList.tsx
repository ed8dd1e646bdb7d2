import type { KafkaProfileView } from '@topograph/api';

/** The connections in the profiles dialog, each with its delete button and the inline "Delete …?" confirmation. */
export function ProfileList({
  profiles,
  selected,
  confirming,
  busy,
  onEdit,
  onAsk,
  onDelete,
}: {
  profiles: KafkaProfileView[] | null;
  selected: string | null;
  confirming: string | null;
  busy: boolean;
  onEdit: (p: KafkaProfileView) => void;
  onAsk: (id: string | null) => void;
  onDelete: (id: string) => void;
}) {
  if (profiles === null) return <p className="profiles-list run-muted">Loading…</p>;
  return (
    <ul className="profiles-list" aria-label="Connections" data-testid="profiles-list">
      {profiles.length === 0 && <li className="run-muted">No connections yet.</li>}
      {profiles.map((p) => (
        <li key={p.id} className={p.id === selected ? 'selected' : ''}>
          {confirming === p.id ? (
            <div className="profiles-confirm" role="alertdialog" aria-label={`Delete ${p.name}?`}>
              <span>Delete “{p.name}”?</span>
              <button type="button" className="danger" onClick={() => onDelete(p.id)} disabled={busy}>
                Delete
              </button>
              <button type="button" onClick={() => onAsk(null)}>
                Keep
              </button>
            </div>
          ) : (
            <>
              <button type="button" className="profiles-item" onClick={() => onEdit(p)}>
                <strong>{p.name}</strong>
                <span className="run-muted">
                  {p.brokers.join(', ')}
                  {p.ssl ? ' · SSL' : ''}
                  {p.sasl ? ` · ${p.sasl.mechanism.toUpperCase()}` : ''}
                </span>
                {!p.secretAvailable && <span className="run-warn">password missing</span>}
              </button>
              <button
                type="button"
                className="profiles-delete"
                aria-label={`Delete ${p.name}`}
                title="Delete"
                onClick={() => onAsk(p.id)}
              >
                ✕
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
