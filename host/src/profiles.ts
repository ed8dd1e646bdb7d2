import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kafkaProfileSchema, StudioApiError, type KafkaProfile, type KafkaProfileView } from '@topograph/api';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import { PRIVATE_FILE_MODE } from './private-folders.js';

/**
 * Where `keychain` secrets live: Electron's safeStorage on the desktop (see host/electron/main.ts); in browser mode
 * a 0600 file in the per-user state folder, outside any project, so secrets never land in a document or a repo.
 */
export interface SecretStore {
  get(profileId: string): Promise<string | undefined>;
  set(profileId: string, secret: string): Promise<void>;
  delete(profileId: string): Promise<void>;
}

/** How a secret is kept in the file: as it is, or sealed by the system keychain (Electron's safeStorage). */
export interface SecretSealer {
  seal(secret: string): string;
  open(sealed: string): string;
}

const AS_IS: SecretSealer = { seal: (secret) => secret, open: (sealed) => sealed };

/** Secrets in one JSON file readable only by the user; browser mode keeps them as they are. */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly sealer: SecretSealer = AS_IS,
  ) {}

  private async all(): Promise<Record<string, string>> {
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }

  async get(profileId: string): Promise<string | undefined> {
    const sealed = (await this.all())[profileId];
    return sealed === undefined ? undefined : this.sealer.open(sealed);
  }

  async set(profileId: string, secret: string): Promise<void> {
    await this.write({ ...(await this.all()), [profileId]: this.sealer.seal(secret) });
  }

  async delete(profileId: string): Promise<void> {
    const { [profileId]: _gone, ...rest } = await this.all();
    await this.write(rest);
  }

  private async write(secrets: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(secrets), false, PRIVATE_FILE_MODE);
  }
}

/** What kafkajs needs to connect with a profile (the password resolved). */
export interface KafkaConnection {
  brokers: string[];
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

/** Kafka connection profiles, kept per user (not in documents), with their secrets resolved on use only. */
export class ProfileStore {
  constructor(
    private readonly stateDir: string,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private get file(): string {
    return join(this.stateDir, 'kafka-profiles.json');
  }

  private async load(): Promise<KafkaProfile[]> {
    try {
      return z.array(kafkaProfileSchema).parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  async list(): Promise<KafkaProfileView[]> {
    return Promise.all((await this.load()).map((p) => this.view(p)));
  }

  async save(profile: KafkaProfile, password: string | undefined): Promise<KafkaProfileView> {
    if (password !== undefined) {
      if (profile.sasl?.secret.from === 'keychain') await this.secrets.set(profile.id, password);
      else if (profile.sasl?.secret.from === 'file')
        await writeFileAtomic(profile.sasl.secret.path, password);
      else
        throw new StudioApiError('invalid-input', 'a password is stored only for keychain or file secrets');
    }
    const rest = (await this.load()).filter((p) => p.id !== profile.id);
    await writeFileAtomic(this.file, JSON.stringify([...rest, profile], null, 2));
    return this.view(profile);
  }

  async delete(id: string): Promise<boolean> {
    const all = await this.load();
    const rest = all.filter((p) => p.id !== id);
    await writeFileAtomic(this.file, JSON.stringify(rest, null, 2));
    await this.secrets.delete(id);
    return rest.length !== all.length;
  }

  async get(id: string): Promise<KafkaProfile> {
    const profile = (await this.load()).find((p) => p.id === id);
    if (!profile) throw new StudioApiError('not-found', `no Kafka profile "${id}"`);
    return profile;
  }

  /** The profile with its password, for the session process; throws when the secret cannot be found. */
  async connection(id: string): Promise<KafkaConnection> {
    const profile = await this.get(id);
    if (!profile.sasl) return { brokers: profile.brokers, ssl: profile.ssl };
    const password = await this.secret(profile);
    if (password === undefined)
      throw new StudioApiError(
        'failed',
        `the password of Kafka profile "${id}" is not available (${describe(profile)})`,
      );
    return {
      brokers: profile.brokers,
      ssl: profile.ssl,
      sasl: { mechanism: profile.sasl.mechanism, username: profile.sasl.username, password },
    };
  }

  private async secret(profile: KafkaProfile): Promise<string | undefined> {
    const source = profile.sasl?.secret;
    if (!source) return undefined;
    switch (source.from) {
      case 'env':
        return this.env[source.name];
      case 'file':
        return readFile(source.path, 'utf8')
          .then((t) => t.trimEnd())
          .catch(() => undefined);
      case 'keychain':
        return this.secrets.get(profile.id);
    }
  }

  private async view(profile: KafkaProfile): Promise<KafkaProfileView> {
    return { ...profile, secretAvailable: profile.sasl ? (await this.secret(profile)) !== undefined : true };
  }
}

function describe(profile: KafkaProfile): string {
  const s = profile.sasl?.secret;
  if (s?.from === 'env') return `set the environment variable ${s.name}`;
  if (s?.from === 'file') return `write it to ${s.path}`;
  return 'save the profile again with its password';
}
