import { emptyDocument } from '@topograph/document';
import { describe, expect, it } from 'vitest';
import { applicationIdFor, nameOfPath, withIdentity } from './identity.js';

describe('the identity a saved document takes', () => {
  it('names an untitled document and its application id after the file', () => {
    const doc = withIdentity(emptyDocument('untitled'), 'flows/clickstream-enrich.topology.json');
    expect(doc.name).toBe('clickstream-enrich');
    expect(doc.settings.applicationId).toBe('clickstream-enrich');
  });

  it('replaces an application id still "untitled", keeps one the user chose', () => {
    const untitled = { ...emptyDocument('untitled'), settings: { applicationId: 'untitled' } };
    expect(withIdentity(untitled, 'a.topology.json').settings.applicationId).toBe('a');
    const chosen = { ...emptyDocument('untitled'), settings: { applicationId: 'orders-v2' } };
    expect(withIdentity(chosen, 'a.topology.json')).toMatchObject({
      name: 'a',
      settings: { applicationId: 'orders-v2' },
    });
  });

  it('leaves a named document as it is', () => {
    const doc = emptyDocument('word-count');
    expect(withIdentity(doc, 'copy.topology.json')).toBe(doc);
  });

  it('turns a file name into an application id Kafka accepts', () => {
    expect(nameOfPath('x\\y\\my flow.topology.json')).toBe('my flow');
    expect(applicationIdFor('my flow (v2)')).toBe('my-flow-v2');
  });
});
