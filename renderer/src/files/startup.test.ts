import { emptyDocument, serializeDocument } from '@topograph/document';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallInput, CallResult } from '@topograph/api';
import type { DocumentCall, Draft, StudioClient, Template } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { startDocument } from './startup.js';

const stock = serializeDocument({ ...emptyDocument('stock-stats'), settings: { applicationId: 'stock' } });
const last = serializeDocument({ ...emptyDocument('mine'), settings: { applicationId: 'mine' } });
const draft: Draft = {
  draft: 'draft-0001',
  path: null,
  text: serializeDocument({ ...emptyDocument('lost'), settings: { applicationId: 'lost' } }),
  savedAt: 1,
};

/** Only what starting reads: drafts, recent files, the file opened last and the templates. */
const studioWith = (drafts: Draft[], recent: string[]): StudioClient => {
  const answers: Partial<{ [N in DocumentCall]: (input: CallInput<N>) => CallResult<N> }> = {
    'documents.recover': () => drafts,
    'documents.recent': () => recent,
    'documents.open': ({ path }) => ({ path, text: last }),
    'documents.templates': (): Template[] => [
      { name: 'stock-stats.topology.json', title: 'Stock stats', text: stock },
    ],
  };
  return {
    workspace: 'test',
    host: null,
    call: async <N extends DocumentCall>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
      const answer = answers[name];
      if (!answer) throw new Error(`startup called ${name}, which this test does not answer`);
      return answer(input);
    },
  };
};

/** A Storage with nothing an older designer left behind. */
const storage = { getItem: () => null, removeItem: () => undefined } as Partial<Storage> as Storage;

beforeEach(() => useDesigner.getState().load(emptyDocument('before'), null));

describe('starting the designer', () => {
  it('opens the ?example= asked for behind the offer of unsaved work, not an empty canvas', async () => {
    const offered = await startDocument(
      studioWith([draft], []),
      new URLSearchParams('example=stock-stats'),
      storage,
    );
    expect(offered).toEqual([draft]);
    const s = useDesigner.getState();
    expect(serializeDocument(s.history.present)).toBe(stock);
    expect(s.filePath).toBeNull();
  });

  it('opens the document opened last behind the offer', async () => {
    const offered = await startDocument(
      studioWith([draft], ['mine.topology.json']),
      new URLSearchParams(),
      storage,
    );
    expect(offered).toEqual([draft]);
    expect(useDesigner.getState().filePath).toBe('mine.topology.json');
  });
});
