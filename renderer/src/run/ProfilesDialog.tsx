import type { KafkaProfileView, Studio } from '@topograph/api';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ProfileEditor } from './ProfileEditor.js';
import { ProfileList } from './ProfileList.js';
import {
  emptyForm,
  fieldErrors,
  formOf,
  idClash,
  saveInput,
  type ProfileErrors,
  type ProfileForm,
} from './profile-form.js';

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
  const [errors, setErrors] = useState<ProfileErrors>({});
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

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
