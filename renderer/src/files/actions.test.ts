import { emptyDocument, serializeDocument } from '@topograph/document';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../api/client.js';
import { isDirty, useDesigner } from '../store/store.js';
import { openTemplate } from './actions.js';

const template = (name: string): Template => ({
  name: `${name}.topology.json`,
  title: name,
  text: serializeDocument({ ...emptyDocument(name), settings: { applicationId: name } }),
});

beforeEach(() => useDesigner.getState().load(emptyDocument('untitled'), null));

describe('opening a template', () => {
  it('opens without a file and clean, so a second template opens without asking to discard', async () => {
    await openTemplate(template('word-count'));
    const s = useDesigner.getState();
    expect([s.filePath, s.history.present.name, isDirty(s)]).toEqual([null, 'word-count', false]);
    // Asking would wait for an answer; nothing was edited, so it opens at once.
    await openTemplate(template('stock-stats'));
    expect(useDesigner.getState().history.present.name).toBe('stock-stats');
  });
});
