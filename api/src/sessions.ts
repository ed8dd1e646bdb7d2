// Checks what the host says about a session before a reloaded window adopts it: a window that cannot read
// the answer stops the session instead of leaving it running unseen.
import { z } from 'zod';
import { runTargetSchema } from './inputs.js';
import type { AttachedSession, SessionStatus } from './results.js';

const tapKeySchema = z.custom<`node:${string}` | `edge:${string}`>(
  (v) => typeof v === 'string' && /^(node|edge):./.test(v),
  'a tap is node:<id> or edge:<id>',
);

const problemSchema = z.object({
  severity: z.enum(['error', 'warning', 'note']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

export const sessionStatusSchema = z.object({
  sessionId: z.string(),
  owner: z.string().nullable(),
  fingerprint: z.string(),
  state: z.enum(['starting', 'running', 'stopping', 'stopped', 'failed']),
  target: runTargetSchema,
  applicationId: z.string(),
  sourceTopics: z.array(z.string()),
  sinkTopics: z.array(z.string()),
  topicSerdes: z.array(z.object({ topic: z.string(), keySerde: z.string(), valueSerde: z.string() })),
  stores: z.array(z.string()),
  taps: z.array(tapKeySchema),
  startedAt: z.number(),
  reason: z.string().nullable(),
  diagnostics: z.array(problemSchema),
}) satisfies z.ZodType<SessionStatus>;

export const attachedSessionSchema = z.object({
  status: sessionStatusSchema,
  console: z.array(
    z.object({ stream: z.enum(['stdout', 'stderr', 'system']), text: z.string(), at: z.number() }),
  ),
}) satisfies z.ZodType<AttachedSession>;

/** A session that still holds a process: the one a window must show or stop, never forget. */
export const isLiveSession = (s: Pick<SessionStatus, 'state'>): boolean =>
  s.state === 'starting' || s.state === 'running' || s.state === 'stopping';

/** How a processing error reads in the console: `[node line N] message`. */
export const formatSessionError = (e: {
  nodeId: string | null;
  line: number | null;
  message: string;
}): string => `${e.nodeId ? `[${e.nodeId}${e.line !== null ? ` line ${e.line}` : ''}] ` : ''}${e.message}\n`;
