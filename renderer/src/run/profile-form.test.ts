import { callInputs, parseCall } from '@topograph/api';
import { describe, expect, it } from 'vitest';
import { emptyForm, fieldErrors, formOf, idClash, idFromName, saveInput } from './profile-form.js';

describe('profile form', () => {
  it('derives a kebab-case id from the name', () => {
    expect(idFromName('  Staging Cluster (EU) ')).toBe('staging-cluster-eu');
  });

  it('shapes a SASL keychain profile the API accepts, with the typed password', () => {
    const input = saveInput({
      ...emptyForm,
      name: 'Prod',
      brokers: ' a.example:9092 , b.example:9093,',
      ssl: true,
      mechanism: 'scram-sha-512',
      username: 'app',
      password: 's3cret',
    });
    expect(input).toEqual({
      profile: {
        id: 'prod',
        name: 'Prod',
        brokers: ['a.example:9092', 'b.example:9093'],
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'app', secret: { from: 'keychain' } },
      },
      password: 's3cret',
    });
    expect(callInputs['kafka.profiles.save'].safeParse(input).success).toBe(true);
  });

  it('keeps the stored password when the field is left empty, and never sends one for env secrets', () => {
    const stored = formOf({
      id: 'prod',
      name: 'Prod',
      brokers: ['a:1'],
      ssl: false,
      sasl: { mechanism: 'plain', username: 'u', secret: { from: 'keychain' } },
      secretAvailable: true,
    });
    expect(stored.password).toBe('');
    expect(saveInput(stored)).not.toHaveProperty('password');
    const env = saveInput({ ...stored, secretFrom: 'env', envName: 'KAFKA_PW', password: 'typed' });
    expect(env).not.toHaveProperty('password');
    expect(env.profile.sasl?.secret).toEqual({ from: 'env', name: 'KAFKA_PW' });
  });

  it("puts the API's own issues next to their fields", () => {
    const input = saveInput({ ...emptyForm, name: 'X', brokers: 'no-port', mechanism: 'plain' });
    let message = '';
    try {
      parseCall('kafka.profiles.save', input);
    } catch (e) {
      message = (e as Error).message;
    }
    const errors = fieldErrors(message);
    expect(errors.brokers).toBe('a broker is host:port');
    expect(errors.username).toMatch(/.+/);
    expect(errors.form).toBeUndefined();
  });

  it('keeps any other failure as the form’s error', () => {
    expect(fieldErrors('network down')).toEqual({ form: 'network down' });
  });

  it('refuses a new profile whose derived id is taken, but lets an edit keep its own id', () => {
    const existing = [{ id: 'test-broker', name: 'Test broker' }];
    expect(idClash({ ...emptyForm, name: 'TEST broker!' }, existing)).toMatch(
      /already uses the id test-broker/,
    );
    expect(idClash({ ...emptyForm, name: 'Other' }, existing)).toBeNull();
    expect(idClash({ ...emptyForm, id: 'test-broker', name: 'Test broker' }, existing)).toBeNull();
  });
});
