import type { CompatReport, Problem, TopologyDocument } from '@topograph/codegen';
import type { CallInput, RecoveredDocument, Template } from '@topograph/api';

export type { RecoveredDocument as Draft, Template };

/** A file in the workspace. */
export interface FileEntry {
  path: string;
  modified: number;
}

/** Generated code for a document. */
export interface GenerateResult {
  files: Array<{ path: string; text: string }>;
  diagnostics: Problem[];
}

/**
 * What the designer needs from the studio API, in its terms. `studio-client.ts` adapts the `@topograph/api`
 * Studio (Electron preload or browser-mode HTTP) to it; `local.ts` is the browser-storage fallback for a page
 * opened without a host.
 */
export interface StudioClient {
  /** Where files live, for the Open dialog ("workspace", "browser storage"). */
  readonly workspace: string;
  listDocuments(): Promise<FileEntry[]>;
  readDocument(path: string): Promise<string>;
  /** Saves; `draft` names the autosaved draft the save supersedes, discarded once the file is written. */
  writeDocument(path: string, text: string, draft?: string): Promise<void>;
  /** Recently opened or saved files, newest first. */
  recentDocuments(): Promise<string[]>;
  /** The example documents a new topology can start from. */
  templates(): Promise<Template[]>;
  /** Keeps unsaved edits (of `path`, or of an untitled document) where a crashed page can find them. */
  autosave(draft: string, path: string | null, text: string): Promise<void>;
  /** Drafts left by pages that closed without saving, newest first. */
  recover(): Promise<RecoveredDocument[]>;
  discardDraft(draft: string): Promise<void>;
  /** Null when this transport has no code generator (the browser-storage fallback). */
  /** `sourceName` names the document in the code's header (its file name; unset for unsaved work). */
  generate: ((doc: TopologyDocument, sourceName?: string) => Promise<GenerateResult>) | null;
  /** Writes a standalone project (code, tests, package.json) into a workspace folder; null without a host. */
  exportProject:
    | ((
        doc: TopologyDocument,
        dir: string,
      ) => Promise<{ dir: string; files: string[]; diagnostics: Problem[] }>)
    | null;
  /** What deploying `current` over the deployed `baseline` does to its state; null without a host. */
  compat:
    | ((baseline: CallInput<'compat.check'>['baseline'], current: TopologyDocument) => Promise<CompatReport>)
    | null;
  /** Null when this transport has no code parser. */
  parse:
    | ((
        source: string,
        base?: TopologyDocument,
      ) => Promise<{ document?: TopologyDocument; problems: Problem[] }>)
    | null;
}

export class StudioError extends Error {
  override name = 'StudioError';
}
