import type { KafkaProfileView, Studio } from '@topograph/api';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  emptyForm,
  fieldErrors,
  formOf,
  idClash,
  saveInput,
  type ProfileField,
  type ProfileForm,
} from './profile-form.js';

type Errors = Partial<Record<ProfileField, string>>;

/**
 * "Kafka connections": list, add, edit and delete the host's connection profiles. Enter saves the open form,
 * Escape closes the dialog. `onClose` gets the id of the last profile saved, so the run target can pick it,
 * and the list as the dialog shows it, so the run target's options are current the moment the dialog closes.
 */
export function ProfilesDialog({
  studio,
  onClose,
}: {
  studio: Studio;
  /** With the profiles as the dialog last listed them (null: never listed), so the caller needs no second round trip. */
  onClose: (savedId: string | null, profiles: KafkaProfileView[] | null) => void;
}) {
  const [profiles, setProfiles] = useState<KafkaProfileView[] | null>(null);
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(() => onClose(savedId, profiles));
  close.current = () => onClose(savedId, profiles);

  const reload = async () => {
    try {
      setProfiles(await studio.call('kafka.profiles.list', {}));
    } catch (e) {
      setErrors({ form: message(e) });
      setProfiles([]);
    }
  };
  useEffect(() => {
    // Loaded once on open; later changes come from this dialog's own saves and deletes.
    void reload();
    dialog.current?.focus();
    // On the window, not the dialog: after a save the focused field unmounts and focus falls to the body.
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onEscape, true);
    return () => window.removeEventListener('keydown', onEscape, true);
  }, []);

  const edit = (next: ProfileForm | null) => {
    setForm(next);
    setErrors({});
    setConfirming(null);
  };

  const save = async () => {
    if (!form || busy) return;
    const clash = idClash(form, profiles ?? []);
    if (clash !== null) {
      setErrors({ name: clash });
      return;
    }
    setBusy(true);
    try {
      const saved = await studio.call('kafka.profiles.save', saveInput(form));
      setSavedId(saved.id);
      edit(null);
      await reload();
      dialog.current?.focus();
    } catch (e) {
      setErrors(fieldErrors(message(e)));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    setBusy(true);
    try {
      await studio.call('kafka.profiles.delete', { id });
      if (form?.id === id) edit(null);
      setConfirming(null);
      if (savedId === id) setSavedId(null);
      await reload();
    } catch (e) {
      setErrors({ form: message(e) });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && form && !(e.target instanceof HTMLButtonElement)) {
      // Buttons keep Enter as "press me" (Delete, Cancel); everywhere else in the form it saves.
      e.preventDefault();
      void save();
    }
  };

  const editing = form !== null ? profiles?.find((p) => p.id === form.id) : undefined;
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose(savedId, profiles)}
    >
      <div
        className="modal wide profiles-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="profiles-title"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
        data-testid="profiles-dialog"
      >
        <h2 id="profiles-title">Kafka connections</h2>
        <div className="profiles-layout">
          <ProfileList
            profiles={profiles}
            selected={form?.id ?? null}
            confirming={confirming}
            busy={busy}
            onEdit={(p) => edit(formOf(p))}
            onAsk={setConfirming}
            onDelete={(id) => void remove(id)}
          />
          <div className="profiles-editor">
            {form ? (
              <ProfileEditor
                form={form}
                errors={errors}
                passwordStored={editing?.sasl !== undefined && editing.secretAvailable}
                onChange={(f) => setForm(f)}
              />
            ) : (
              <p className="run-muted">
                Choose a connection to edit it, or add one. Passwords stay with the host (the system keychain,
                an environment variable or a file outside the project), never in a topology document.
              </p>
            )}
            {errors.form && (
              <p className="run-bad profiles-form-error" role="alert">
                {errors.form}
              </p>
            )}
          </div>
        </div>
        <div className="modal-actions">
          <button type="button" onClick={() => edit({ ...emptyForm })} disabled={busy}>
            + Add connection
          </button>
          <span className="profiles-spacer" />
          {form && (
            <>
              <button type="button" onClick={() => edit(null)} disabled={busy}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => void save()}
                disabled={busy}
                data-testid="profile-save"
              >
                Save
              </button>
            </>
          )}
          <button type="button" onClick={() => onClose(savedId, profiles)}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

function ProfileList({
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

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <label className={`profiles-field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error && <em className="run-bad">{error}</em>}
    </label>
  );
}

function ProfileEditor({
  form,
  errors,
  passwordStored,
  onChange,
}: {
  form: ProfileForm;
  errors: Errors;
  passwordStored: boolean;
  onChange: (f: ProfileForm) => void;
}) {
  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) =>
    onChange({ ...form, [key]: value });
  const sasl = form.mechanism !== 'none';
  return (
    <div className="profiles-fields" data-testid="profile-editor">
      <Field label="Name" error={errors.name}>
        <input
          autoFocus
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          placeholder="Staging cluster"
        />
      </Field>
      <Field label="Bootstrap servers" error={errors.brokers}>
        <input
          value={form.brokers}
          onChange={(e) => set('brokers', e.target.value)}
          placeholder="broker-1:9092, broker-2:9092"
          spellCheck={false}
        />
      </Field>
      <label className="profiles-check">
        <input type="checkbox" checked={form.ssl} onChange={(e) => set('ssl', e.target.checked)} />
        Use SSL/TLS
      </label>
      <Field label="SASL" error={undefined}>
        <select
          value={form.mechanism}
          onChange={(e) => set('mechanism', e.target.value as ProfileForm['mechanism'])}
        >
          <option value="none">None</option>
          <option value="plain">PLAIN</option>
          <option value="scram-sha-256">SCRAM-SHA-256</option>
          <option value="scram-sha-512">SCRAM-SHA-512</option>
        </select>
      </Field>
      {sasl && (
        <>
          <Field label="Username" error={errors.username}>
            <input
              value={form.username}
              onChange={(e) => set('username', e.target.value)}
              autoComplete="off"
            />
          </Field>
          <Field label="Password from" error={errors.secret}>
            <select
              value={form.secretFrom}
              onChange={(e) => set('secretFrom', e.target.value as ProfileForm['secretFrom'])}
            >
              <option value="keychain">Keychain (kept by the host)</option>
              <option value="env">Environment variable</option>
              <option value="file">File</option>
            </select>
          </Field>
          {form.secretFrom === 'env' && (
            <Field label="Variable" error={undefined}>
              <input
                value={form.envName}
                onChange={(e) => set('envName', e.target.value)}
                placeholder="KAFKA_PASSWORD"
                spellCheck={false}
              />
            </Field>
          )}
          {form.secretFrom === 'file' && (
            <Field label="File path" error={undefined}>
              <input
                value={form.filePath}
                onChange={(e) => set('filePath', e.target.value)}
                placeholder="/home/me/.secrets/kafka"
                spellCheck={false}
              />
            </Field>
          )}
          {form.secretFrom !== 'env' && (
            <Field label="Password" error={errors.password}>
              <input
                type="password"
                value={form.password}
                onChange={(e) => set('password', e.target.value)}
                placeholder={passwordStored ? 'type a new password to replace it' : ''}
                autoComplete="new-password"
                data-testid="profile-password"
              />
              {passwordStored && form.password === '' && <span className="profiles-stored">stored</span>}
            </Field>
          )}
        </>
      )}
      {form.id && <p className="run-muted profiles-id">id: {form.id}</p>}
    </div>
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
