import { z } from 'zod';
import type { RecoveredDocument } from './results.js';

const storedDraftSchema = z.object({
  draft: z.string(),
  path: z.string().nullable(),
  text: z.string(),
  savedAt: z.number(),
});

/**
 * A draft as stored by the host (a file) or by the no-host client (browser storage), or null when the text is
 * not one: both stores are the user's to edit, and an unreadable entry is skipped rather than offered.
 */
export function readStoredDraft(json: string | null): RecoveredDocument | null {
  try {
    const r = storedDraftSchema.safeParse(JSON.parse(json ?? 'null'));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
