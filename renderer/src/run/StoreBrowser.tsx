import { isLiveSession, type StoreEntry, type Studio } from '@topograph/api';
import { useState } from 'react';
import { EntriesTable } from './EntriesTable.js';
import { useRun } from './run-store.js';
import { useAction } from './use-action.js';

/** Interactive queries (`get`, `range`, `all`) against the running session's state stores. */
export function StoreBrowser({ studio }: { studio: Studio }) {
  const status = useRun((s) => s.status);
  const live = useRun((s) => s.stores);
  const [store, setStore] = useState('');
  const [kind, setKind] = useState<'all' | 'get' | 'range'>('all');
  const [key, setKey] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<StoreEntry[] | null>(null);
  const { error, busy, run } = useAction();
  if (!status || !isLiveSession(status))
    return (
      <p className="run-muted" data-testid="stores-empty">
        Not running: run the topology to query its state stores.
      </p>
    );
  // Named stores from the document, and those the runtime reports (join windows, generated names).
  const stores = [...new Set([...status.stores, ...live.map((s) => s.name)])];
  if (stores.length === 0)
    return (
      <p className="run-muted" data-testid="stores-empty">
        No state stores: this topology has no stateful node (count, aggregate, reduce, a table or a join keeps
        one).
      </p>
    );
  const chosen = stores.includes(store) ? store : (stores[0] ?? '');
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
          {stores.map((s) => (
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
        <button type="button" className="primary" onClick={query} disabled={busy} data-testid="store-query">
          Query
        </button>
        {error && <span className="run-bad">{error}</span>}
      </div>
      {entries && (
        <EntriesTable
          extraLabel="updated"
          empty={`${chosen} holds no entries${kind === 'all' ? '' : ' for this query'} yet.`}
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
