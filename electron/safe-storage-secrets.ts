// Desktop keychain for Kafka profile secrets: Electron safeStorage (Keychain, DPAPI, libsecret) encrypts
// them into a file under userData. Imported only by main.ts (host/ must not import electron).
import { readFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import { z } from 'zod';
import { writeFileAtomic } from './host/atomic-write.js';
import type { SecretStore } from './host/profiles.js';

export class SafeStorageSecrets implements SecretStore {
  constructor(private readonly file: string) {}

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
    return sealed === undefined ? undefined : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(profileId: string, secret: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('the system keychain is not available; use an environment variable or a file secret');
    const sealed = safeStorage.encryptString(secret).toString('base64');
    await writeFileAtomic(this.file, JSON.stringify({ ...(await this.all()), [profileId]: sealed }));
  }

  async delete(profileId: string): Promise<void> {
    const { [profileId]: _gone, ...rest } = await this.all();
    await writeFileAtomic(this.file, JSON.stringify(rest));
  }
}
