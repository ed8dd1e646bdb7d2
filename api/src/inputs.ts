// Input schemas of every studio call. Both transports parse a call's input with these before the host sees
// it, so a malformed call is answered with an error naming the field instead of reaching a service.
import { topologyDocumentSchema } from '@topograph/document';
import { z } from 'zod';
import { debugSeekSchema, recordingPathSchema } from './debugger.js';

/** A workspace-relative path: no absolute paths, no `..`, no NUL (documents never leave the workspace). */
export const workspacePathSchema = z
  .string()
  .min(1, 'a path is required')
  .max(512)
  .refine((p) => !p.includes('\0'), 'a path may not contain NUL')
  .refine((p) => !/^([/\\]|[A-Za-z]:)/.test(p), 'a path is relative to the workspace')
  .refine((p) => !p.split(/[/\\]/).includes('..'), 'a path may not contain ".."');

/** A revision git can name without it being read as an option or a path trick: no leading "-", no "..". */
export const GIT_REVISION = /^(?!-)(?!.*\.\.)[A-Za-z0-9_./~^@{}-]{1,200}$/;

const documentPathSchema = workspacePathSchema.refine(
  (p) => p.endsWith('.topology.json'),
  'a topology document ends in .topology.json',
);

/**
 * Names one autosaved draft: the unsaved edits of one document in one designer window. Chosen by the renderer,
 * so two windows (or an untitled document and a file) never overwrite each other's drafts.
 */
export const draftIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a draft id is 8 to 64 letters, digits, "-" or "_"');

export const sessionIdSchema = z.string().regex(/^s[0-9a-z-]{1,40}$/, 'not a session id');
/**
 * The designer window a session belongs to, chosen by the renderer and kept across page reloads, so a reloaded
 * window finds (and can stop) the session it started, and one window runs one session at a time.
 */
export const windowIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a window id is 8 to 64 letters, digits, "-" or "_"');
const topicSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'a topic name uses letters, digits, ".", "_" and "-" (max 249)');
const profileIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a profile id is lower-case kebab-case');

/** Where a session runs: the embedded in-memory cluster (default) or a saved Kafka profile. */
export const runTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('memory'), partitions: z.number().int().min(1).max(64).optional() }),
  z.object({ kind: z.literal('kafka'), profileId: profileIdSchema }),
]);

/** A record to produce; `value` is JSON (encoded by the source's serde: strings stay strings). */
export const produceRecordSchema = z.object({
  key: z.unknown().optional(),
  value: z.unknown(),
  timestamp: z.number().int().nonnegative().optional(),
});

export const tapTargetSchema = z.union([
  z.object({ nodeId: z.string().min(1) }),
  z.object({ edgeId: z.string().min(1) }),
]);

export const storeQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('get'), key: z.unknown() }),
  z.object({ kind: z.literal('range'), from: z.unknown(), to: z.unknown() }),
  z.object({ kind: z.literal('all'), limit: z.number().int().min(1).max(10_000).optional() }),
]);

export const kafkaProfileSchema = z.object({
  id: profileIdSchema,
  name: z.string().min(1).max(100),
  brokers: z
    .array(z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'a broker is host:port'))
    .min(1, 'at least one broker'),
  ssl: z.boolean().default(false),
  sasl: z
    .object({
      mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
      username: z.string().min(1),
      /** Where the password comes from; the password itself is never stored in a profile or document. */
      secret: z.discriminatedUnion('from', [
        z.object({ from: z.literal('env'), name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }),
        z.object({ from: z.literal('file'), path: z.string().min(1) }),
        z.object({ from: z.literal('keychain') }),
      ]),
    })
    .optional(),
});

const empty = z.object({}).strict();
const document = topologyDocumentSchema;

/** Every call of the studio API and the schema of its input. */
export const callInputs = {
  'documents.list': empty,
  'documents.open': z.object({ path: documentPathSchema }),
  'documents.save': z.object({
    path: documentPathSchema,
    text: z.string().max(20_000_000),
    /** The draft this save supersedes; it is discarded once the file is written. */
    draft: draftIdSchema.optional(),
  }),
  'documents.saveAs': z.object({
    path: documentPathSchema,
    text: z.string().max(20_000_000),
    overwrite: z.boolean().default(false),
    draft: draftIdSchema.optional(),
  }),
  'documents.recent': empty,
  'documents.templates': empty,
  'documents.autosave': z.object({
    draft: draftIdSchema,
    /** The file the edits belong to; null for a document never saved. */
    path: documentPathSchema.nullable(),
    text: z.string().max(20_000_000),
  }),
  'documents.recover': empty,
  /** Drops a draft the user declined to restore, or one whose edits were given up on purpose. */
  'documents.discardDraft': z.object({ draft: draftIdSchema }),
  // `sourceName`: what the code's header says it was generated from (the file name; absent for unsaved work).
  'codegen.generate': z.object({ document, sourceName: z.string().min(1).max(500).optional() }),
  'codegen.check': z.object({ document }),
  'codegen.parse': z.object({ source: z.string().max(5_000_000), base: document.optional() }),
  'codegen.export': z.object({ document, dir: workspacePathSchema }),
  /** What deploying `current` over the running `baseline` keeps: changes, verdict and the reset plan. */
  'compat.check': z.object({
    baseline: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('document'), document }),
      /** The document as committed at a git revision of the workspace (a tag or commit that is deployed). */
      z.object({
        kind: z.literal('git'),
        path: documentPathSchema,
        revision: z.string().regex(GIT_REVISION, 'a git revision: a tag, branch or commit'),
      }),
      z.object({
        kind: z.literal('describe'),
        text: z.string().min(1).max(5_000_000),
        applicationId: z.string().min(1).max(249).optional(),
      }),
    ]),
    current: document,
  }),
  'sessions.start': z.object({
    document,
    target: runTargetSchema.default({ kind: 'memory' }),
    /** Refused while another session of this window is starting or running. */
    owner: windowIdSchema.optional(),
  }),
  'sessions.stop': z.object({ sessionId: sessionIdSchema }),
  'sessions.restart': z.object({
    sessionId: sessionIdSchema,
    reset: z.boolean().default(false),
    /** The document to run from now on (the canvas as it is); absent: the one the session was started with. */
    document: document.optional(),
  }),
  'sessions.status': z.object({ sessionId: sessionIdSchema }),
  /** The sessions the host keeps (of one window, with `owner`), newest first. */
  'sessions.list': z.object({ owner: windowIdSchema.optional() }).strict(),
  /** A session's status with its recent console output, for a window that reloaded while it ran. */
  'sessions.attach': z.object({ sessionId: sessionIdSchema }),
  'sessions.produce': z.object({
    sessionId: sessionIdSchema,
    topic: topicSchema,
    records: z.array(produceRecordSchema).min(1).max(100_000),
  }),
  'sessions.generate': z.object({
    sessionId: sessionIdSchema,
    topic: topicSchema,
    /** Records per second; 0 stops the generator on this topic. */
    ratePerSec: z.number().min(0).max(100_000),
    /** Sample values to cycle through with fresh keys and timestamps (from the record type's samples). */
    samples: z.array(produceRecordSchema).min(1).max(10_000),
  }),
  'sessions.tap': z.object({
    sessionId: sessionIdSchema,
    target: tapTargetSchema,
    enabled: z.boolean(),
  }),
  'sessions.queryStore': z.object({
    sessionId: sessionIdSchema,
    store: z.string().min(1),
    query: storeQuerySchema,
  }),
  'sessions.readTopic': z.object({
    sessionId: sessionIdSchema,
    topic: topicSchema,
    limit: z.number().int().min(1).max(10_000).default(100),
  }),
  /** The session's recording: how many records, how many dropped (embedded cluster only). */
  'debugger.recording': z.object({ sessionId: sessionIdSchema }),
  /** Writes the recording as `<name>.recording.json` beside the document at `document`. */
  'debugger.saveRecording': z.object({ sessionId: sessionIdSchema, document: documentPathSchema }),
  /**
   * "Save as test": the recording as `<name>.test.ts` beside the document, plus `<name>.topology.ts` (the code
   * generated from `doc`, which the test imports).
   */
  'debugger.saveTest': z.object({ sessionId: sessionIdSchema, document: documentPathSchema, doc: document }),
  /** Replays a saved recording in this session from now on (the live recording is kept). */
  'debugger.loadRecording': z.object({ sessionId: sessionIdSchema, path: recordingPathSchema }),
  /** Starts (or starts over) the replay of the session's recording, at the point before its first input. */
  'debugger.open': z.object({ sessionId: sessionIdSchema }),
  'debugger.seek': z.object({ sessionId: sessionIdSchema, to: debugSeekSchema }),
  /** "Why this output?" for the replay's `output`-th output so far. */
  'debugger.explain': z.object({ sessionId: sessionIdSchema, output: z.number().int().min(0) }),
  'kafka.profiles.list': empty,
  'kafka.profiles.save': z.object({
    profile: kafkaProfileSchema,
    /** Stored through the secret store named by `profile.sasl.secret` when it is `keychain` or `file`. */
    password: z.string().optional(),
  }),
  'kafka.profiles.delete': z.object({ id: profileIdSchema }),
  'topics.list': z.object({ profileId: profileIdSchema }),
  'topics.peek': z.object({
    profileId: profileIdSchema,
    topic: topicSchema,
    limit: z.number().int().min(1).max(1000).default(20),
  }),
} as const;

export type CallName = keyof typeof callInputs;
export const CALL_NAMES = Object.keys(callInputs) as CallName[];
/** What a caller passes (defaults may be omitted). */
export type CallInput<N extends CallName> = z.input<(typeof callInputs)[N]>;
/** What the host receives after validation (defaults filled in). */
export type ParsedInput<N extends CallName> = z.output<(typeof callInputs)[N]>;
export type KafkaProfile = z.output<typeof kafkaProfileSchema>;
export type RunTarget = z.output<typeof runTargetSchema>;
export type ProduceRecord = z.output<typeof produceRecordSchema>;
export type TapTarget = z.output<typeof tapTargetSchema>;
export type StoreQuery = z.output<typeof storeQuerySchema>;

export const isCallName = (name: string): name is CallName => Object.hasOwn(callInputs, name);
