import { useState } from 'react';
import type { Draft, StudioClient } from '../api/client.js';
import { restoreDraft } from './recovery.js';
import { notify } from '../store/ui.js';

/** The name of the document a draft holds, for a draft that was never saved to a file. */
export function draftName(draft: Draft): string {
  try {
    const parsed: unknown = JSON.parse(draft.text);
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string')
      return parsed.name;
  } catch {
    // an unreadable draft: Restore says why
  }
  return 'untitled';
}

/** Offers the drafts found on start, newest first, one at a time: restore it, or discard it for good. */
export function RecoveryBanner({ studio, drafts }: { studio: StudioClient; drafts: Draft[] }) {
  const [left, setLeft] = useState(drafts);
  const draft = left[0];
  if (!draft) return null;
  const next = () => setLeft((ds) => ds.filter((d) => d !== draft));
  const restore = () => void restoreDraft(studio, draft).then((ok) => ok && next());
  const discard = () =>
    void studio
      .call('documents.discardDraft', { draft: draft.draft })
      .then(next, (e: unknown) =>
        notify('error', `Cannot discard the unsaved work: ${(e as Error).message}`),
      );
  return (
    <div className="banner" role="alert" data-testid="recovery" data-draft={draft.draft}>
      Unsaved work on {draft.path ?? `“${draftName(draft)}” (never saved)`} from{' '}
      {new Date(draft.savedAt).toLocaleString()} was found{left.length > 1 ? ` (1 of ${left.length})` : ''}.
      <button type="button" className="primary" onClick={restore}>
        Restore
      </button>
      <button type="button" onClick={discard}>
        Discard
      </button>
    </div>
  );
}
