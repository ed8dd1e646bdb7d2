import type { CallInput, KafkaProfileView } from '@topograph/api';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
export type SecretSource = 'keychain' | 'env' | 'file';

/** The profile editor's fields, as typed (brokers as one comma-separated line). */
export interface ProfileForm {
  /** Null while the profile is new: its id is derived from the name on save. */
  id: string | null;
  name: string;
  brokers: string;
  ssl: boolean;
  mechanism: SaslMechanism | 'none';
  username: string;
  secretFrom: SecretSource;
  envName: string;
  filePath: string;
  /** Write-only: empty means "keep the stored password". */
  password: string;
}

/** The fields a validation error can be shown next to. */
export type ProfileField = 'name' | 'brokers' | 'username' | 'secret' | 'password' | 'form';
/** A message per field the host rejected (`form`: one not about a single field). */
export type ProfileErrors = Partial<Record<ProfileField, string>>;

export const emptyForm: ProfileForm = {
  id: null,
  name: '',
  brokers: '',
  ssl: false,
  mechanism: 'none',
  username: '',
  secretFrom: 'keychain',
  envName: '',
  filePath: '',
  password: '',
};

/** The editor's fields for a saved profile; the password is never part of a view, so it starts empty. */
export function formOf(p: KafkaProfileView): ProfileForm {
  const secret = p.sasl?.secret;
  return {
    id: p.id,
    name: p.name,
    brokers: p.brokers.join(', '),
    ssl: p.ssl,
    mechanism: p.sasl?.mechanism ?? 'none',
    username: p.sasl?.username ?? '',
    secretFrom: secret?.from ?? 'keychain',
    envName: secret?.from === 'env' ? secret.name : '',
    filePath: secret?.from === 'file' ? secret.path : '',
    password: '',
  };
}

/** A profile id from its name: lower-case kebab-case, as the API requires. */
export function idFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/**
 * The `kafka.profiles.save` input for the form. Nothing is validated here beyond shaping: the API's own
 * messages are the ones shown, so the editor and every other client agree on what a valid profile is.
 */
export function saveInput(form: ProfileForm): CallInput<'kafka.profiles.save'> {
  const brokers = form.brokers
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const secret =
    form.secretFrom === 'env'
      ? { from: 'env' as const, name: form.envName.trim() }
      : form.secretFrom === 'file'
        ? { from: 'file' as const, path: form.filePath.trim() }
        : { from: 'keychain' as const };
  const sasl =
    form.mechanism === 'none'
      ? undefined
      : { mechanism: form.mechanism, username: form.username.trim(), secret };
  // An env secret cannot be written by the host, so a typed password only goes with keychain or file.
  const sendsPassword = sasl !== undefined && form.secretFrom !== 'env' && form.password !== '';
  return {
    profile: {
      id: form.id ?? idFromName(form.name),
      name: form.name.trim(),
      brokers,
      ssl: form.ssl,
      ...(sasl ? { sasl } : {}),
    },
    ...(sendsPassword ? { password: form.password } : {}),
  };
}

/** Which editor field an API issue path (`profile.brokers.0`, `profile.sasl.username`, …) belongs to. */
function fieldOf(path: string): ProfileField {
  if (path === 'profile.name' || path === 'profile.id') return 'name';
  if (path.startsWith('profile.brokers')) return 'brokers';
  if (path === 'profile.sasl.username') return 'username';
  if (path.startsWith('profile.sasl.secret')) return 'secret';
  if (path === 'password') return 'password';
  return 'form';
}

/**
 * Splits a studio error into messages per field. An `invalid-input` error reads
 * `kafka.profiles.save: invalid input` then one `path: message` line per issue; anything else is the form's.
 */
export function fieldErrors(message: string): ProfileErrors {
  const lines = message.split('\n');
  const issues = /: invalid input$/.test(lines[0] ?? '') ? lines.slice(1) : [];
  const out: ProfileErrors = {};
  for (const line of issues) {
    const at = line.indexOf(': ');
    if (at < 0) continue;
    const field = fieldOf(line.slice(0, at));
    const text = line.slice(at + 2);
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  if (Object.keys(out).length === 0) out.form = message;
  return out;
}

/**
 * Why a new profile cannot be saved under its derived id (the host would silently replace the profile that
 * has it), or null. Editing keeps its id, so only new profiles can clash.
 */
export function idClash(
  form: ProfileForm,
  existing: ReadonlyArray<{ id: string; name: string }>,
): string | null {
  if (form.id !== null) return null;
  const id = idFromName(form.name);
  const other = existing.find((p) => p.id === id);
  return other ? `“${other.name}” already uses the id ${id}: choose another name` : null;
}
