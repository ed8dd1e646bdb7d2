import type { ReactNode } from 'react';
import type { ProfileErrors, ProfileForm } from './profile-form.js';

/** The form for one connection profile: brokers, SSL, SASL and where its password comes from. */
export function ProfileEditor({
  form,
  errors,
  passwordStored,
  onChange,
}: {
  form: ProfileForm;
  errors: ProfileErrors;
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
