import { isLiveSession, runFingerprint, type KafkaProfileView, type Studio } from '@topograph/api';
import { useEffect, useMemo, useState } from 'react';
import { useDesigner } from '../store/store.js';
import { ProfilesDialog } from './ProfilesDialog.js';
import { restartRun, startRun, stopRun, useRunControls } from './controls.js';
import { useRun } from './run-store.js';

/** The target selector's entry that opens the connections dialog instead of choosing a target. */
const MANAGE = 'manage-connections';

export function RunToolbar({ studio }: { studio: Studio }) {
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
  // Applied in the same render that closes the dialog: reloading the list afterwards left the Run target's
  // options stale for a round trip after the dialog was gone (a flaky read in profiles.test.ts).
  const closeManager = (savedId: string | null, listed: KafkaProfileView[] | null) => {
    setManaging(false);
    const apply = (list: KafkaProfileView[]) => {
      setProfiles(list);
      const usable = (id: string) => list.some((p) => p.id === id && p.secretAvailable);
      if (savedId !== null && usable(savedId)) setTarget(`kafka:${savedId}`);
      else if (target !== 'memory' && !usable(target.slice('kafka:'.length))) setTarget('memory');
    };
    if (listed !== null) apply(listed);
    else void loadProfiles().then(apply);
  };
  const active = status !== null && isLiveSession(status);
  return (
    <div className="run-toolbar">
      <button
        type="button"
        className="run-toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        title={open ? 'Collapse the run dock' : 'Show the run dock: console, producer, stores, topics, taps'}
        data-testid="run-dock-toggle"
      >
        Run dock {open ? '▾' : '▴'}
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
      <button
        type="button"
        onClick={() => void restartRun(studio, false)}
        disabled={busy || !active}
        title={
          active
            ? 'Stop this run and run the canvas as it is now (its code generated again)'
            : 'Restarts a running session; nothing runs now: ▶ Run starts one'
        }
        data-testid="run-restart"
      >
        ↻ Restart
      </button>
      <button
        type="button"
        onClick={() => void restartRun(studio, true)}
        disabled={busy || !active}
        title={
          active
            ? 'Reset offsets and state, then replay'
            : 'Resets a running session; nothing runs now: ▶ Run starts one'
        }
        data-testid="run-reset"
      >
        ⟲ Reset &amp; replay
      </button>
      {active && <StaleNotice fingerprint={status.fingerprint} />}
      {error && (
        <span className="run-bad" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Says when the canvas no longer is what runs: the session keeps the code it was started (or restarted) with. */
function StaleNotice({ fingerprint }: { fingerprint: string }) {
  const doc = useDesigner((s) => s.history.present);
  const current = useMemo(() => runFingerprint(doc), [doc]);
  if (current === fingerprint) return null;
  return (
    <span className="run-warn" role="status" data-testid="run-stale">
      The canvas changed since this run started — Restart to apply.
    </span>
  );
}
