import type { CallInput, CallName, CallResult, RecoveredDocument, Studio, Template } from '@topograph/api';

export type { RecoveredDocument as Draft, Template };

/** The studio calls browser storage answers too (`local.ts`), so files and drafts work without a host. */
export type DocumentCall = Extract<
  CallName,
  | 'documents.list'
  | 'documents.open'
  | 'documents.save'
  | 'documents.recent'
  | 'documents.templates'
  | 'documents.autosave'
  | 'documents.recover'
  | 'documents.discardDraft'
>;

/**
 * The page's connection to the studio API, made once (`connect.ts`): document calls on every transport, typed
 * by `@topograph/api`; the host's whole API (code generation, export, parsing, run sessions) where one serves
 * the page.
 */
export interface StudioClient {
  /** Where files live, for the Open dialog ("workspace", "browser storage"). */
  readonly workspace: string;
  call<N extends DocumentCall>(name: N, input: CallInput<N>): Promise<CallResult<N>>;
  /** The Electron bridge or the browser-mode host; null for a page opened without a host (browser storage). */
  readonly host: Studio | null;
}
