import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaProfile } from '@topograph/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, ProfileStore, type SecretSealer } from './profiles.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topograph-profiles-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

type Secret = NonNullable<KafkaProfile['sasl']>['secret'];
const sasl = (secret: Secret) => ({ mechanism: 'plain' as const, username: 'me', secret });

describe('Kafka profiles', () => {
  it('keeps keychain secrets out of the profile file, in a 0600 file, and resolves them on use', async () => {
    const store = new ProfileStore(dir, new FileSecretStore(join(dir, 'secrets.json')), {});
    const view = await store.save(
      { id: 'prod', name: 'Prod', brokers: ['k:9092'], ssl: true, sasl: sasl({ from: 'keychain' }) },
      's3cret',
    );
    expect(view.secretAvailable).toBe(true);
    expect(await readFile(join(dir, 'kafka-profiles.json'), 'utf8')).not.toContain('s3cret');
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await store.connection('prod')).sasl?.password).toBe('s3cret');
    expect(JSON.stringify(await store.list())).not.toContain('s3cret');
  });

  it('keeps secrets sealed in the file when given a sealer (the desktop keychain), and opens them on use', async () => {
    const reversed: SecretSealer = {
      seal: (secret) => [...secret].reverse().join(''),
      open: (sealed) => [...sealed].reverse().join(''),
    };
    const secrets = new FileSecretStore(join(dir, 'secrets.json'), reversed);
    await secrets.set('prod', 's3cret');
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).toBe('{"prod":"terc3s"}');
    expect(await secrets.get('prod')).toBe('s3cret');
    await secrets.delete('prod');
    expect(await secrets.get('prod')).toBeUndefined();
  });

  it('reads env secrets from the environment and says how to provide a missing one', async () => {
    const store = new ProfileStore(dir, new FileSecretStore(join(dir, 'secrets.json')), { KAFKA_PW: 'pw' });
    await store.save(
      {
        id: 'env',
        name: 'Env',
        brokers: ['k:9092'],
        ssl: false,
        sasl: sasl({ from: 'env', name: 'KAFKA_PW' }),
      },
      undefined,
    );
    expect((await store.connection('env')).sasl?.password).toBe('pw');
    const missing = new ProfileStore(dir, new FileSecretStore(join(dir, 'secrets.json')), {});
    await expect(missing.connection('env')).rejects.toThrow('set the environment variable KAFKA_PW');
    await expect(missing.connection('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});
